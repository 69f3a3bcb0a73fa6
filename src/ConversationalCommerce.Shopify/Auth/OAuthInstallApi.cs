using System.Globalization;
using System.Security.Cryptography;
using ConversationalCommerce.Shopify.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Shopify.Auth;

/// <summary>
/// Install outside the embedded admin (authorization-code grant): <c>/auth/install?shop=</c> redirects to Shopify's
/// consent screen with a state nonce kept in a cookie; <c>/auth/callback</c> checks shop, state, HMAC and timestamp,
/// then trades the code for an expiring offline token.
/// </summary>
public static class OAuthInstallApi
{
    public const string StateCookie = "shopify_oauth_state";

    public static IEndpointRouteBuilder MapShopifyOAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth").WithTags("Shopify auth").ExcludeFromDescription();
        auth.MapGet("/install", Install).WithName("ShopifyInstall");
        auth.MapGet("/callback", CallbackAsync).WithName("ShopifyCallback");
        return app;
    }

    internal static Results<RedirectHttpResult, BadRequest<string>, ProblemHttpResult> Install(
        string? shop, HttpContext http, IOptionsMonitor<ShopifyOptions> options)
    {
        var o = options.CurrentValue;
        if (!o.IsConfigured) return TypedResults.Problem("Shopify is not configured on this server.", statusCode: StatusCodes.Status503ServiceUnavailable);
        if (!ShopDomain.TryNormalize(shop, out var domain)) return TypedResults.BadRequest("shop must be a {name}.myshopify.com domain.");

        var state = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        http.Response.Cookies.Append(StateCookie, state, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            // Lax: the cookie must come back on Shopify's top-level redirect to our callback.
            SameSite = SameSiteMode.Lax,
            MaxAge = TimeSpan.FromMinutes(10),
            Path = "/auth",
        });
        var redirect = new Uri(new Uri(o.AppUrl), "/auth/callback").ToString();
        var url = $"https://{domain}/admin/oauth/authorize?client_id={Uri.EscapeDataString(o.ApiKey)}"
                  + $"&scope={Uri.EscapeDataString(string.Join(',', o.ScopeList))}"
                  + $"&redirect_uri={Uri.EscapeDataString(redirect)}&state={state}";
        return TypedResults.Redirect(url);
    }

    internal static async Task<Results<RedirectHttpResult, BadRequest<string>, UnauthorizedHttpResult, ProblemHttpResult>> CallbackAsync(
        HttpContext http, IOptionsMonitor<ShopifyOptions> options, ShopifyTokenClient tokens, ShopInstaller installer,
        TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var log = loggers.CreateLogger(typeof(OAuthInstallApi));
        var o = options.CurrentValue;
        if (!o.IsConfigured) return TypedResults.Problem("Shopify is not configured on this server.", statusCode: StatusCodes.Status503ServiceUnavailable);
        var query = http.Request.Query;

        if (!ShopDomain.TryNormalize(query["shop"], out var shop))
        {
            log.LogWarning("OAuth callback refused: shop parameter is not a myshopify.com domain");
            return TypedResults.BadRequest("shop must be a {name}.myshopify.com domain.");
        }
        if (string.IsNullOrEmpty(query["code"]))
        {
            log.LogWarning("OAuth callback for {ShopDomain} refused: no code", shop);
            return TypedResults.BadRequest("code is missing.");
        }
        if (!QueryHmac.IsValid(query, o.ApiSecret))
        {
            log.LogWarning("OAuth callback for {ShopDomain} refused: HMAC does not match", shop);
            return TypedResults.Unauthorized();
        }
        var cookie = http.Request.Cookies[StateCookie];
        var state = query["state"].ToString();
        if (string.IsNullOrEmpty(cookie) || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(cookie), System.Text.Encoding.UTF8.GetBytes(state)))
        {
            log.LogWarning("OAuth callback for {ShopDomain} refused: state does not match the nonce we issued", shop);
            return TypedResults.Unauthorized();
        }
        if (!long.TryParse(query["timestamp"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > o.OAuthTimestampTolerance)
        {
            log.LogWarning("OAuth callback for {ShopDomain} refused: timestamp missing or stale", shop);
            return TypedResults.Unauthorized();
        }
        http.Response.Cookies.Delete(StateCookie, new CookieOptions { Path = "/auth" });

        ShopifyTokenResponse response;
        try
        {
            response = await tokens.ExchangeCodeAsync(shop, query["code"]!, cancellationToken);
        }
        catch (ShopifyTokenRequestException ex)
        {
            log.LogWarning("Authorization code exchange for {ShopDomain} failed: {Status} {Error}", shop, ex.StatusCode, ex.Error);
            return ex.IsPermanent ? TypedResults.Unauthorized() : TypedResults.Problem("Shopify did not answer the token request.", statusCode: StatusCodes.Status502BadGateway);
        }
        await installer.InstallAsync(shop, response, cancellationToken);
        // Into the app inside the shop's admin.
        return TypedResults.Redirect($"https://{shop}/admin/apps/{Uri.EscapeDataString(o.ApiKey)}");
    }
}
