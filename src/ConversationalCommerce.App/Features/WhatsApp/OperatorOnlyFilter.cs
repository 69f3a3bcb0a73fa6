using System.Security.Cryptography;
using System.Text;
using ConversationalCommerce.App.Jobs;

namespace ConversationalCommerce.App.Features.WhatsApp;

/// <summary>
/// Channel credentials are set by the operator until the embedded admin (Shopify session tokens) takes this over:
/// Basic auth with the operator credentials (Hangfire:DashboardUser / DashboardPassword). Without configured
/// credentials the endpoints are closed (403).
/// </summary>
internal sealed class OperatorOnlyFilter(HangfireOptions options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (string.IsNullOrEmpty(options.DashboardUser) || string.IsNullOrEmpty(options.DashboardPassword))
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        if (!Matches(http.Request.Headers.Authorization.ToString(), options.DashboardUser, options.DashboardPassword))
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"admin\"";
            return TypedResults.Unauthorized();
        }
        return await next(context);
    }

    private static bool Matches(string header, string user, string password)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        byte[] presented;
        try { presented = Convert.FromBase64String(header[6..].Trim()); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes($"{user}:{password}"));
    }
}
