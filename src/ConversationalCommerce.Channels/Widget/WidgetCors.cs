using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ConversationalCommerce.Channels.Widget;

/// <summary>
/// The widget runs on the shop's storefront, another origin than the app. Its session call and the hub's negotiate
/// and transport requests are allowed from any origin without credentials: nothing there rides on cookies (the
/// publishable key and the visitor token travel in the body and the access_token value). Path-based and placed first
/// in the pipeline (a startup filter), so a preflight never reaches the hub's authorization.
/// </summary>
public static class WidgetCors
{
    private static readonly PathString[] Paths = ["/api/widget", WidgetChannelRegistration.HubPath, "/apps/chat"];

    public static IApplicationBuilder UseWidgetCors(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!request.Headers.ContainsKey("Origin") || !Paths.Any(p => request.Path.StartsWithSegments(p)))
        {
            await next(context);
            return;
        }
        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = "*";
        if (HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method"))
        {
            headers.AccessControlAllowMethods = "GET, POST, OPTIONS";
            headers.AccessControlAllowHeaders = "Content-Type, Accept, Authorization, X-Requested-With, X-SignalR-User-Agent";
            headers.AccessControlMaxAge = "600";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        await next(context);
    });
}
