using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Shopify.Auth;

/// <summary>
/// The "ShopifySessionToken" scheme: <c>Authorization: Bearer {session token}</c> from App Bridge. A missing or
/// invalid token is answered 401 with <c>X-Shopify-Retry-Invalid-Session-Request: 1</c>, which tells App Bridge
/// to fetch a fresh token and retry the request.
/// </summary>
public sealed class ShopifySessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    SessionTokenValidator validator,
    Microsoft.Extensions.Hosting.IHostEnvironment environment)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ShopifySessionToken";
    public const string RetryHeader = "X-Shopify-Retry-Invalid-Session-Request";
    public const string ShopClaim = "shopify_shop";
    public const string SessionTokenItem = "shopify_session_token";
    /// <summary>The merchant admin's SignalR hub (App/Features/Admin/Live), the one place a token may come in the query.</summary>
    public const string LiveHubPath = "/hubs/admin";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        string token;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) token = header["Bearer ".Length..].Trim();
        // Browsers cannot put headers on a WebSocket: the admin's live hub alone takes the token from the query.
        else if (Request.Path.StartsWithSegments(LiveHubPath) && Request.Query["access_token"].ToString() is { Length: > 0 } queryToken) token = queryToken;
        else return AuthenticateLocalDemo();
        var session = await validator.ValidateAsync(token, Context.RequestAborted);
        if (session is null) return AuthenticateResult.Fail("Invalid Shopify session token.");

        List<Claim> claims = [new(ShopClaim, session.ShopDomain)];
        if (session.UserId is not null) claims.Add(new Claim(ClaimTypes.NameIdentifier, session.UserId));
        if (session.SessionId is not null) claims.Add(new Claim("sid", session.SessionId));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        var properties = new AuthenticationProperties();
        // Kept for the first request after install: the token exchange needs the raw session token.
        Context.Items[SessionTokenItem] = session.RawToken;
        return AuthenticateResult.Success(new AuthenticationTicket(principal, properties, SchemeName));
    }

    /// <summary>No session token: only <see cref="LocalDemoAdmin"/> may grant the demo shop's admin (local development).</summary>
    private AuthenticateResult AuthenticateLocalDemo()
    {
        if (!LocalDemoAdmin.Allows(Context, environment)) return AuthenticateResult.NoResult();
        var identity = new ClaimsIdentity([new(ShopClaim, Domain.Shops.Shop.DemoDomain), new(LocalDemoAdmin.Claim, "true")], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[RetryHeader] = "1";
        return Task.CompletedTask;
    }
}
