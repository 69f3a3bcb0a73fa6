using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ConversationalCommerce.Shopify.Auth;

/// <summary>
/// Shopify signs the query of OAuth redirects: hex HMAC-SHA256, keyed with the app secret, over the other parameters
/// sorted by name and joined as <c>name=value&amp;...</c> (values decoded, as Shopify computed them).
/// </summary>
public static class QueryHmac
{
    public static bool IsValid(IQueryCollection query, string secret)
    {
        var given = query["hmac"].ToString();
        if (given.Length != 64 || secret.Length == 0) return false;
        byte[] expected;
        try
        {
            expected = Convert.FromHexString(given);
        }
        catch (FormatException)
        {
            return false;
        }
        var actual = Compute(query.Where(p => p.Key != "hmac" && p.Key != "signature")
            .Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString())), secret);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    public static byte[] Compute(IEnumerable<KeyValuePair<string, string>> parameters, string secret)
    {
        var message = string.Join('&', parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message));
    }
}
