using ConversationalCommerce.Data.Inbox;
using Hangfire;

namespace ConversationalCommerce.App.Inbox;

/// <summary>The Hangfire job: carries only the inbox row id; the row holds everything else.</summary>
public sealed class InboxJob(InboxProcessor processor)
{
    public const string Queue = "inbox";

    // Retries are the inbox's own (attempts and backoff on the row), not Hangfire's.
    [AutomaticRetry(Attempts = 0)]
    [Queue(Queue)]
    public Task RunAsync(Guid inboxMessageId, CancellationToken cancellationToken) =>
        processor.ProcessAsync(inboxMessageId, cancellationToken);
}
