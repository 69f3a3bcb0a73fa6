namespace ConversationalCommerce.App.Hosting;

/// <summary>Work done once before serving: migrations, then each feature's start-up steps (demo store, index warm-up, inbox sweep).</summary>
public static class AppStartup
{
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await DatabaseInitializer.MigrateAsync(services, cancellationToken);
        foreach (var step in services.GetServices<IStartupStep>())
            await step.RunAsync(cancellationToken);
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
