using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Channels.Widget.Session;

/// <summary>
/// Authenticates widget connections from the visitor token: the <c>access_token</c> query value (browsers cannot set
/// headers on WebSockets) or an <c>Authorization: Bearer</c> header. The token itself is never logged.
/// </summary>
public sealed class VisitorAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, VisitorTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "WidgetVisitor";
    public const string Policy = "WidgetVisitor";
    public const string ShopClaim = "cc:shop";
    public const string VisitorClaim = "cc:visitor";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = Request.Query["access_token"].ToString();
        if (string.IsNullOrEmpty(token))
        {
            var header = Request.Headers.Authorization.ToString();
            if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) token = header["Bearer ".Length..].Trim();
        }
        if (string.IsNullOrEmpty(token)) return Task.FromResult(AuthenticateResult.NoResult());

        var visitor = tokens.Read(token);
        if (visitor is null)
        {
            Logger.LogInformation("Refused a widget connection: forged, expired or malformed visitor token");
            return Task.FromResult(AuthenticateResult.Fail("invalid_session"));
        }
        var identity = new ClaimsIdentity(
            [new Claim(ShopClaim, visitor.ShopId.ToString("N")), new Claim(VisitorClaim, visitor.VisitorId.ToString("N"))], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    public static VisitorIdentity? From(ClaimsPrincipal? user) =>
        user?.FindFirst(ShopClaim)?.Value is { } shop && user.FindFirst(VisitorClaim)?.Value is { } visitor
        && Guid.TryParseExact(shop, "N", out var shopId) && Guid.TryParseExact(visitor, "N", out var visitorId)
            ? new VisitorIdentity(shopId, visitorId)
            : null;
}
