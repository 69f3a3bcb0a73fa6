using System.Security.Cryptography;
using System.Text;
using Hangfire;
using Hangfire.Dashboard;

namespace ConversationalCommerce.App.Jobs;

/// <summary>
/// The dashboard can retry and delete jobs, so it is never public: it needs the configured operator credentials
/// (Basic auth, Hangfire:DashboardUser / Hangfire:DashboardPassword); without them it only answers loopback in Development.
/// </summary>
public static class HangfireDashboard
{
    public static IEndpointRouteBuilder MapJobsDashboard(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<HangfireOptions>();
        if (!options.DashboardEnabled) return app;
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new OperatorAuthorization(options, app.Environment.IsDevelopment())],
            DisplayStorageConnectionString = false,
            DashboardTitle = "ConversationalCommerce jobs",
        });
        return app;
    }

    private sealed class OperatorAuthorization(HangfireOptions options, bool development) : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var http = context.GetHttpContext();
            if (!string.IsNullOrEmpty(options.DashboardUser) && !string.IsNullOrEmpty(options.DashboardPassword))
            {
                if (BasicCredentialsMatch(http.Request.Headers.Authorization.ToString(), options.DashboardUser, options.DashboardPassword))
                    return true;
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"jobs\"";
                return false;
            }
            return development && http.Connection.RemoteIpAddress is { } ip && System.Net.IPAddress.IsLoopback(ip);
        }

        private static bool BasicCredentialsMatch(string header, string user, string password)
        {
            if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
            string decoded;
            try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())); }
            catch (FormatException) { return false; }
            var expected = Encoding.UTF8.GetBytes($"{user}:{password}");
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(decoded), expected);
        }
    }
}
