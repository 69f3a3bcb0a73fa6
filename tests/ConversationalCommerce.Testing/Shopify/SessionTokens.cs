using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ConversationalCommerce.Testing.Shopify;

/// <summary>Session tokens shaped like App Bridge's: HS256 with the app secret, iss = https://{shop}/admin, dest = https://{shop}, aud = client id.</summary>
public static class SessionTokens
{
    public static string Create(string shop, string apiKey, string apiSecret, DateTimeOffset now,
        TimeSpan? expiresIn = null, TimeSpan? notBeforeOffset = null, string? issuer = null, string? dest = null)
    {
        var payload = new Dictionary<string, object>
        {
            ["iss"] = issuer ?? $"https://{shop}/admin",
            ["dest"] = dest ?? $"https://{shop}",
            ["aud"] = apiKey,
            ["sub"] = "42",
            ["exp"] = (now + (expiresIn ?? TimeSpan.FromMinutes(1))).ToUnixTimeSeconds(),
            ["nbf"] = (now + (notBeforeOffset ?? TimeSpan.Zero)).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString(),
            ["sid"] = "session-" + Guid.NewGuid().ToString("N")[..8],
        };
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(apiSecret));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(
            System.Text.Json.JsonSerializer.Serialize(payload), new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
    }
}
