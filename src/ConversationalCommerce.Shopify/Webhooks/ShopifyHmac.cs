using System.Security.Cryptography;
using System.Text;

namespace ConversationalCommerce.Shopify.Webhooks;

/// <summary>Shopify's webhook signature: base64 HMAC-SHA256 of the raw body with the app secret.</summary>
public static class ShopifyHmac
{
    private const int HashBytes = 32;

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Constant-time comparison; an empty secret verifies nothing.</summary>
    public static bool IsValid(ReadOnlySpan<byte> body, string? signatureBase64, string secret)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrWhiteSpace(signatureBase64)) return false;
        Span<byte> given = stackalloc byte[HashBytes + 3];
        if (!Convert.TryFromBase64String(signatureBase64.Trim(), given, out var written) || written != HashBytes) return false;
        Span<byte> expected = stackalloc byte[HashBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given[..HashBytes]);
    }
}
