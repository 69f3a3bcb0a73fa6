using Hangfire;

namespace ConversationalCommerce.Shopify.Sync;

/// <summary>The Hangfire job of a sync: carries only the <see cref="Domain.Sync.SyncRun"/> id; the row holds the rest.</summary>
public sealed class SyncJob(SyncRunner runner)
{
    public const string Queue = "sync";

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [10, 30, 60, 300, 900])]
    [Queue(Queue)]
    public Task RunAsync(Guid syncRunId, CancellationToken cancellationToken) => runner.RunAsync(syncRunId, cancellationToken);
}
