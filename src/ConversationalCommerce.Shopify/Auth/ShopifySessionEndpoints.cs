using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Shopify.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Shopify.Auth;

/// <summary>The shop an admin request acts for, after its session token was verified.</summary>
public sealed record AdminShop(Guid ShopId, string Domain);

public static class ShopifySessionEndpoints
{
    public const string Policy = "ShopifySession";
    private const string ItemKey = "shopify_admin_shop";

    /// <summary>
    /// Admin APIs only: a valid session token is required (else 401 with the retry header). The first request of a
    /// shop we hold no token for installs it by token exchange. The request's shop scope is set to that shop.
    /// </summary>
    public static TBuilder RequireShopifySession<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization(Policy);
        builder.AddEndpointFilter<TBuilder, AdminShopFilter>();
        return builder;
    }

    /// <summary>The shop of the current admin request (endpoints behind <see cref="RequireShopifySession{TBuilder}"/>).</summary>
    public static AdminShop GetAdminShop(this HttpContext http) =>
        http.Items[ItemKey] as AdminShop ?? throw new InvalidOperationException("This endpoint is not behind RequireShopifySession().");

    internal static void AddShopifySessionAuthorization(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ShopifySessionAuthenticationHandler>(ShopifySessionAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(ShopifySessionAuthenticationHandler.SchemeName)
            .RequireClaim(ShopifySessionAuthenticationHandler.ShopClaim));
    }

    private sealed class AdminShopFilter(
        AppDbContext db,
        ShopScope scope,
        ShopifyTokenClient tokens,
        ShopInstaller installer,
        ILogger<AdminShopFilter> logger) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            var domain = http.User.FindFirst(ShopifySessionAuthenticationHandler.ShopClaim)?.Value;
            if (domain is null) return Retry(http);

            var shop = await db.Shops.AsNoTracking()
                .Where(s => s.Domain == domain)
                .Select(s => new { s.Id, s.InstallState, HasToken = s.EncryptedAccessToken != null })
                .FirstOrDefaultAsync(http.RequestAborted);
            Guid shopId;
            if (http.User.HasClaim(c => c.Type == LocalDemoAdmin.Claim))
            {
                // Local demo admin: the demo shop only, and nothing to exchange (it is not on Shopify).
                if (shop is not { InstallState: ShopInstallState.Installed } || domain != Shop.DemoDomain) return Retry(http);
                shopId = shop.Id;
            }
            else if (shop is { InstallState: ShopInstallState.Installed, HasToken: true })
            {
                shopId = shop.Id;
            }
            else
            {
                // First request from a new or returning shop: trade its session token for an offline token.
                var sessionToken = http.Items[ShopifySessionAuthenticationHandler.SessionTokenItem] as string;
                if (sessionToken is null) return Retry(http);
                try
                {
                    var response = await tokens.ExchangeSessionTokenAsync(domain, sessionToken, http.RequestAborted);
                    shopId = await installer.InstallAsync(domain, response, http.RequestAborted);
                }
                catch (ShopifyTokenRequestException ex) when (ex.IsPermanent)
                {
                    logger.LogWarning("Token exchange for {ShopDomain} refused: {Status} {Error}", domain, ex.StatusCode, ex.Error);
                    return Retry(http);
                }
                catch (ShopifyTokenRequestException ex)
                {
                    logger.LogWarning("Token exchange for {ShopDomain} failed: {Status}", domain, ex.StatusCode);
                    return TypedResults.Problem("Shopify did not answer the token exchange.", statusCode: StatusCodes.Status502BadGateway);
                }
            }

            scope.Set(shopId);
            http.Items[ItemKey] = new AdminShop(shopId, domain);
            return await next(context);
        }

        private static IResult Retry(HttpContext http)
        {
            http.Response.Headers[ShopifySessionAuthenticationHandler.RetryHeader] = "1";
            return TypedResults.Unauthorized();
        }
    }
}
