using System.Security.Cryptography;
using System.Text;

namespace ConversationalCommerce.Channels.WhatsApp.Webhook;

/// <summary>Meta signs each notification: X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256 of the raw body with the app secret.</summary>
public static class WebhookSignature
{
    private const string Prefix = "sha256=";

    public static bool IsValid(ReadOnlySpan<byte> body, string? header, string appSecret)
    {
        if (string.IsNullOrEmpty(appSecret) || string.IsNullOrEmpty(header)) return false;
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return false;
        var hex = header.AsSpan(Prefix.Length).Trim();
        if (hex.Length != 64) return false;
        Span<byte> presented = stackalloc byte[32];
        if (Convert.FromHexString(hex, presented, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32) return false;
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }

    /// <summary>The header value for a body, as Meta computes it (tests and benchmarks sign with it).</summary>
    public static string Compute(ReadOnlySpan<byte> body, string appSecret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));
}
