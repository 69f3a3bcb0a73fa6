using ConversationalCommerce.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.App.Hosting;

/// <summary>Work done once before serving: migrations, then each feature's start-up steps (demo store, index warm-up, inbox sweep).</summary>
public static class AppStartup
{
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (options.MigrateOnStartup)
            await DatabaseInitializer.MigrateAsync(services, cancellationToken);
        else if (await HasPendingMigrationsAsync(services, cancellationToken))
        {
            // Serve anyway so /health/live answers and /health/ready says why it is not ready.
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AppStartup))
                .LogWarning("Database has pending migrations and MigrateOnStartup is off; run the `migrate` command. Start-up steps skipped.");
            return;
        }
        foreach (var step in services.GetServices<IStartupStep>())
            await step.RunAsync(cancellationToken);
    }

    private static async Task<bool> HasPendingMigrationsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();
    }
}

/// <summary>A piece of start-up work a feature contributes. Steps run in registration order.</summary>
public interface IStartupStep
{
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>Runs start-up before Kestrel accepts requests (hosted services start first), so /health/ready is honest.</summary>
internal sealed class StartupHostedService(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => AppStartup.PrepareAsync(services, cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
