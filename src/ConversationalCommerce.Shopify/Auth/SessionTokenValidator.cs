using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ConversationalCommerce.Shopify.Auth;

/// <summary>What a valid App Bridge session token says: which shop, which staff user, which admin session.</summary>
public sealed record ShopifySession(string ShopDomain, string? UserId, string? SessionId, string RawToken);

/// <summary>
/// Verifies Shopify session tokens: HS256 signed with the app secret, audience = our client id, exp/nbf with a few
/// seconds of leeway, and iss/dest naming the same <c>https://{shop}.myshopify.com</c>.
/// </summary>
public sealed class SessionTokenValidator(IOptionsMonitor<ShopifyOptions> options, TimeProvider time, ILogger<SessionTokenValidator> logger)
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<ShopifySession?> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        var o = options.CurrentValue;
        if (!o.IsConfigured || string.IsNullOrWhiteSpace(token)) return null;
        cancellationToken.ThrowIfCancellationRequested();

        var parameters = new TokenValidationParameters
        {
            ValidAudience = o.ApiKey,
            ValidateAudience = true,
            // Shopify's issuer differs per shop; checked below against dest.
            ValidateIssuer = false,
            // Lifetime is checked below against our TimeProvider.
            ValidateLifetime = false,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(o.ApiSecret)),
            ValidateIssuerSigningKey = true,
        };
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            // The reason (expired, bad signature, wrong audience) helps support; the token itself is never logged.
            logger.LogInformation("Shopify session token refused: {Reason}", result.Exception?.GetType().Name ?? "invalid");
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (!jwt.TryGetPayloadValue<long>("exp", out _) || jwt.ValidTo + o.SessionTokenClockSkew < now)
        {
            logger.LogInformation("Shopify session token refused: expired");
            return null;
        }
        if (jwt.TryGetPayloadValue<long>("nbf", out _) && jwt.ValidFrom - o.SessionTokenClockSkew > now)
        {
            logger.LogInformation("Shopify session token refused: not valid yet");
            return null;
        }

        var dest = jwt.TryGetPayloadValue<string>("dest", out var d) ? d : null;
        var shop = ShopDomain.FromDestination(dest);
        if (shop is null || !string.Equals(jwt.Issuer, $"https://{shop}/admin", StringComparison.OrdinalIgnoreCase))
        {
            logger.LogInformation("Shopify session token refused: issuer and destination do not name the same shop");
            return null;
        }
        var sub = jwt.TryGetPayloadValue<string>("sub", out var s) ? s : null;
        var sid = jwt.TryGetPayloadValue<string>("sid", out var i) ? i : null;
        return new ShopifySession(shop, sub, sid, token);
    }
}
