using System.Net;
using ConversationalCommerce.Shopify;
using ConversationalCommerce.Shopify.Auth;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.App.Features.Admin;

/// <summary>
/// The embedded admin page shell. With a Shopify API key configured it carries App Bridge (which adds the session
/// token to the page's same-origin fetches); without one it is the local page that the demo admin session serves.
/// </summary>
internal static class AdminPage
{
    public static IEndpointRouteBuilder MapAdminPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin", Serve).ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(HttpContext http, IOptions<ShopifyOptions> shopify)
    {
        // Shopify admin frames the page: allow exactly that shop's admin and admin.shopify.com, nobody else.
        var frameAncestors = ShopDomain.TryNormalize(http.Request.Query["shop"], out var shop)
            ? $"https://{shop} https://admin.shopify.com"
            : "https://admin.shopify.com";
        http.Response.Headers.ContentSecurityPolicy = $"frame-ancestors {frameAncestors};";
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Content(Html(shopify.Value.ApiKey), "text/html; charset=utf-8");
    }

    internal static string Html(string apiKey)
    {
        var appBridge = string.IsNullOrEmpty(apiKey)
            ? ""
            : $"""
                <meta name="shopify-api-key" content="{WebUtility.HtmlEncode(apiKey)}">
                <script src="https://cdn.shopify.com/shopifycloud/app-bridge.js"></script>
              """;
        return $"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>ConversationalCommerce admin</title>
            {appBridge}
              <link rel="stylesheet" href="/admin/admin.css">
              <script type="module" src="/admin/admin.js"></script>
            </head>
            <body>
              <div id="app" class="page"><p class="muted">Loading…</p></div>
            </body>
            </html>
            """;
    }
}
