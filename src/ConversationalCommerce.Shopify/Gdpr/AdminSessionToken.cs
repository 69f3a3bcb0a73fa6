using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ConversationalCommerce.Shopify.Webhooks;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Shopify.Gdpr;

/// <summary>
/// Checks the session token App Bridge puts on the embedded admin's requests (Authorization: Bearer, an HS256 JWT
/// signed with the app secret, audience = the client id, dest = the shop) and says which shop's admin is asking.
/// </summary>
public sealed class AdminSessionToken(IOptionsMonitor<ShopifyAppCredentials> credentials, TimeProvider time)
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(10);

    /// <summary>The shop's myshopify domain (lower case), or null when the token is missing, forged, expired or for another app.</summary>
    public string? ShopDomain(string? authorization)
    {
        var app = credentials.CurrentValue;
        if (string.IsNullOrEmpty(app.ApiSecret) || string.IsNullOrEmpty(app.ApiKey)) return null;
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return null;
        var parts = authorization["Bearer ".Length..].Trim().Split('.');
        if (parts.Length != 3) return null;
        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            if (header.RootElement.TryGetProperty("alg", out var alg) is false || alg.GetString() != "HS256") return null;

            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(app.ApiSecret), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
            if (!CryptographicOperations.FixedTimeEquals(expected, Base64Url.DecodeFromChars(parts[2]))) return null;

            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var claims = payload.RootElement;
            var now = time.GetUtcNow();
            if (!claims.TryGetProperty("exp", out var exp) || DateTimeOffset.FromUnixTimeSeconds(exp.GetInt64()) + ClockSkew < now) return null;
            if (claims.TryGetProperty("nbf", out var nbf) && DateTimeOffset.FromUnixTimeSeconds(nbf.GetInt64()) - ClockSkew > now) return null;
            if (!claims.TryGetProperty("aud", out var aud) || !AudienceIs(aud, app.ApiKey)) return null;
            if (!claims.TryGetProperty("dest", out var dest) || !Uri.TryCreate(dest.GetString(), UriKind.Absolute, out var shopUrl)) return null;
            var domain = shopUrl.Host.ToLowerInvariant();
            return domain.EndsWith(".myshopify.com", StringComparison.Ordinal) ? domain : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static bool AudienceIs(JsonElement aud, string apiKey) => aud.ValueKind switch
    {
        JsonValueKind.String => aud.GetString() == apiKey,
        JsonValueKind.Array => aud.EnumerateArray().Any(a => a.GetString() == apiKey),
        _ => false,
    };
}
