using ConversationalCommerce.App.Health;
using ConversationalCommerce.App.Jobs;
using Serilog;

namespace ConversationalCommerce.App.Hosting;

public static class WebHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddAppServices();
        var app = builder.Build();
        app.UseAppPipeline();
        return app;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var app = Build(args);
        await app.RunAsync();
        return 0;
    }

    /// <summary>Everything the server and the CLI commands share.</summary>
    public static IHostApplicationBuilder AddAppServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<StartupHostedService>();
        builder.AddAppLogging();
        builder.AddAppDatabase();
        builder.AddAppHealth();
        builder.AddAppJobs();
        builder.AddAppFeatures();
        // The widget bundle and JSON replies shrink to a third; SignalR's own transports are left alone.
        builder.Services.AddResponseCompression(o => o.EnableForHttps = true);
        return builder;
    }

    private static void UseAppPipeline(this WebApplication app)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseSerilogRequestLogging();
        app.UseResponseCompression();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        // Endpoint rate-limit policies (widget sessions); endpoints without a policy are not limited.
        app.UseRateLimiter();
        app.MapAppHealth();
        app.MapJobsDashboard();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapAppFeatures();
    }
}
