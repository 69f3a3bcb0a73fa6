using ConversationalCommerce.App.Hosting;

namespace ConversationalCommerce.App.Cli;

/// <summary>The app's services without the web server, for commands. Logs go to stderr so stdout stays parseable.</summary>
public static class CliHost
{
    public static async Task<WebApplication> StartAsync(CancellationToken cancellationToken, bool migrate = true, params string[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = settings });
        builder.Configuration["Cli"] = "true";
        builder.AddAppServices();
        var app = builder.Build();
        if (migrate) await DatabaseInitializer.MigrateAsync(app.Services, cancellationToken);
        return app;
    }
}
