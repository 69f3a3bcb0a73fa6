using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ConversationalCommerce.Shopify.Tests.Support;

/// <summary>App Bridge session tokens as Shopify issues them: HS256 JWTs signed with the app secret.</summary>
public static class AdminSessionTokens
{
    public static string For(string shopDomain, string secret = WebhookApp.Secret, string audience = WebhookApp.ApiKey, TimeSpan? expiresIn = null)
    {
        var now = DateTimeOffset.UtcNow;
        var header = Encode(new { alg = "HS256", typ = "JWT" });
        var payload = Encode(new
        {
            iss = $"https://{shopDomain}/admin",
            dest = $"https://{shopDomain}",
            aud = audience,
            sub = "74892746",
            exp = (now + (expiresIn ?? TimeSpan.FromMinutes(1))).ToUnixTimeSeconds(),
            nbf = now.AddSeconds(-5).ToUnixTimeSeconds(),
            iat = now.AddSeconds(-5).ToUnixTimeSeconds(),
            jti = Guid.NewGuid().ToString(),
            sid = Guid.NewGuid().ToString("N"),
        });
        var signature = Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }

    private static string Encode(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
}
