using System.Text.Json.Serialization;

namespace ConversationalCommerce.Shopify.Tokens;

/// <summary>
/// Body of <c>POST /admin/oauth/access_token</c> (code grant, token exchange and refresh alike). Expiring offline
/// tokens carry <c>expires_in</c>, <c>refresh_token</c> and <c>refresh_token_expires_in</c>; non-expiring ones do not.
/// </summary>
public sealed class ShopifyTokenResponse
{
    [JsonPropertyName("access_token")] public string? AccessToken { get; set; }
    [JsonPropertyName("scope")] public string? Scope { get; set; }
    [JsonPropertyName("expires_in")] public long? ExpiresIn { get; set; }
    [JsonPropertyName("refresh_token")] public string? RefreshToken { get; set; }
    [JsonPropertyName("refresh_token_expires_in")] public long? RefreshTokenExpiresIn { get; set; }
}

/// <summary>Shopify refused a token request (bad code, revoked refresh token, uninstalled shop).</summary>
public sealed class ShopifyTokenRequestException(string grant, int statusCode, string? error)
    : Exception($"Shopify refused the {grant} token request ({statusCode}{(error is null ? "" : ", " + error)}).")
{
    public int StatusCode { get; } = statusCode;
    public string? Error { get; } = error;
    /// <summary>4xx: retrying the same request will not help (the shop must authorize the app again).</summary>
    public bool IsPermanent => StatusCode is >= 400 and < 500 and not 429;
}
