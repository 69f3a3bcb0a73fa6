using ConversationalCommerce.App.Hosting;
using ConversationalCommerce.Channels.Delivery;
using Hangfire;

namespace ConversationalCommerce.App.Features.Delivery;

public static class DeliveryFeature
{
    /// <summary>The outbox: Hangfire dispatch on the "outbox" queue, a sweep at start-up and every minute.</summary>
    public static IHostApplicationBuilder AddReplyDelivery(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<OutboxOptions>(builder.Configuration.GetSection(OutboxOptions.Section));
        builder.Services.AddDelivery();
        builder.Services.AddSingleton<IOutboxDispatcher, HangfireOutboxDispatcher>();
        builder.Services.AddSingleton<IStartupStep, OutboxStartupSweep>();
        return builder;
    }
}

/// <summary>At start-up: sweep once (sends interrupted by a crash resume at once) and register the recurring sweep.</summary>
internal sealed class OutboxStartupSweep(IServiceScopeFactory scopes, IRecurringJobManager recurring) : IStartupStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<OutboxSweepJob>(OutboxSweepJob.RecurringJobId, "default", j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxSweeper>().SweepAsync(cancellationToken);
    }
}
