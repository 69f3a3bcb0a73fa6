using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ConversationalCommerce.Channels.Widget.Session;

/// <summary>
/// Shopify's app-proxy signature: every query parameter except <c>signature</c> written as <c>key=value</c> (several
/// values joined by commas), the pairs sorted and concatenated without separators, then hex HMAC-SHA256 with the
/// app's secret. The same rule signs the <c>loggedInCustomer</c> the widget may present to the session endpoint.
/// </summary>
public static class AppProxySignature
{
    public const string SignatureKey = "signature";

    public static string Compute(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> parameters, string secret)
    {
        var message = string.Concat(parameters
            .Where(p => p.Key != SignatureKey)
            .Select(p => p.Key + "=" + string.Join(',', p.Value))
            .Order(StringComparer.Ordinal));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message));
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>Constant-time check of a hex signature; false without a secret, so an unconfigured app trusts nothing.</summary>
    public static bool Verify(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> parameters, string? signature, string? secret)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(signature) || signature.Length != 64) return false;
        byte[] given;
        try { given = Convert.FromHexString(signature); }
        catch (FormatException) { return false; }
        var expected = Convert.FromHexString(Compute(parameters, secret));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    /// <summary>The two parameters that prove a logged-in customer of a shop (the widget's <c>loggedInCustomer</c>).</summary>
    public static IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> CustomerParameters(string shopDomain, string customerId) =>
    [
        new("logged_in_customer_id", [customerId]),
        new("shop", [shopDomain]),
    ];

    public static bool TryParseCustomerId(string? value, out long customerId) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out customerId) && customerId > 0;
}
