using ConversationalCommerce.App.Hosting;
using ConversationalCommerce.Data.Inbox;
using Hangfire;

namespace ConversationalCommerce.App.Inbox;

/// <summary>The recurring sweep (every minute): picks up rows whose job was lost or whose worker died.</summary>
public sealed class InboxSweepJob(InboxSweeper sweeper)
{
    public const string RecurringJobId = "inbox-sweep";

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task RunAsync(CancellationToken cancellationToken) => sweeper.SweepAsync(cancellationToken);
}

/// <summary>At start-up: sweep once (a restart after a crash resumes at once) and register the recurring sweep.</summary>
internal sealed class InboxStartupSweep(IServiceScopeFactory scopes, IRecurringJobManager recurring) : IStartupStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<InboxSweepJob>(InboxSweepJob.RecurringJobId, "default", j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<InboxSweeper>().SweepAsync(cancellationToken);
    }
}
