using ConversationalCommerce.Data.Inbox;
using Hangfire;

namespace ConversationalCommerce.App.Inbox;

/// <summary>The Hangfire job: carries only inbox row ids; the rows hold everything else.</summary>
public sealed class InboxJob(InboxProcessor processor, ILogger<InboxJob> log)
{
    public const string Queue = "inbox";

    // Retries are the inbox's own (attempts and backoff on the row), not Hangfire's.
    [AutomaticRetry(Attempts = 0)]
    [Queue(Queue)]
    public Task RunAsync(Guid inboxMessageId, CancellationToken cancellationToken) =>
        processor.ProcessAsync(inboxMessageId, cancellationToken);

    /// <summary>Rows committed together, applied in the order they were accepted; one row's trouble does not hold up the others.</summary>
    [AutomaticRetry(Attempts = 0)]
    [Queue(Queue)]
    public async Task RunManyAsync(Guid[] inboxMessageIds, CancellationToken cancellationToken)
    {
        var failed = 0;
        foreach (var id in inboxMessageIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await processor.ProcessAsync(id, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The processor records handler failures on the row itself; this is the store failing. The row stays
                // Pending or leased, so the sweep takes it up again.
                failed++;
                log.LogError(ex, "Inbox {Id} could not be processed in its batch job", id);
            }
        }
        if (failed > 0) throw new InvalidOperationException($"{failed} of {inboxMessageIds.Length} inbox rows could not be processed; the sweep retries them.");
    }
}
