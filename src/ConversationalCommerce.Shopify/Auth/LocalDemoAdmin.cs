using System.Net;
using ConversationalCommerce.Domain.Shops;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace ConversationalCommerce.Shopify.Auth;

/// <summary>
/// The one exception to "admin APIs need a Shopify session token": a newcomer running the app locally with the demo
/// store (no Shopify) may use the admin page. Only in Development, only from loopback (the same rule as the Hangfire
/// dashboard without operator credentials), and only for the demo shop; anything else still needs a session token.
/// </summary>
public static class LocalDemoAdmin
{
    /// <summary>Claim marking a session granted by this rule (no session token to exchange behind it).</summary>
    public const string Claim = "local_demo_admin";

    /// <summary>True when a request without a session token may act as the demo shop's admin.</summary>
    public static bool Allows(HttpContext http, IHostEnvironment environment)
    {
        if (!environment.IsDevelopment()) return false;
        if (http.Connection.RemoteIpAddress is not { } ip || !IPAddress.IsLoopback(ip)) return false;
        // A page embedded for another shop (?shop=...) never falls back to the demo shop.
        var requested = http.Request.Query["shop"].ToString();
        return requested.Length == 0 || string.Equals(requested, Shop.DemoDomain, StringComparison.OrdinalIgnoreCase);
    }
}
