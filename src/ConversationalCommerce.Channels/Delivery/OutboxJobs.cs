using Hangfire;

namespace ConversationalCommerce.Channels.Delivery;

/// <summary>The Hangfire job of one send: carries only the outbox row id; the row holds everything else.</summary>
public sealed class OutboxJob(OutboxProcessor processor)
{
    public const string Queue = "outbox";

    // Retries are the outbox's own (attempts, backoff, Retry-After on the row), not Hangfire's.
    [AutomaticRetry(Attempts = 0)]
    [Queue(Queue)]
    public Task RunAsync(Guid outboxMessageId, CancellationToken cancellationToken) =>
        processor.ProcessAsync(outboxMessageId, cancellationToken);
}

/// <summary>The recurring sweep (every minute).</summary>
public sealed class OutboxSweepJob(OutboxSweeper sweeper)
{
    public const string RecurringJobId = "outbox-sweep";

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task RunAsync(CancellationToken cancellationToken) => sweeper.SweepAsync(cancellationToken);
}

/// <summary>Dispatches sends as jobs on the "outbox" queue; delayed ones (backoff, Retry-After) as scheduled jobs.</summary>
public sealed class HangfireOutboxDispatcher(IBackgroundJobClient jobs) : IOutboxDispatcher
{
    public void Dispatch(Guid outboxMessageId, TimeSpan delay = default)
    {
        if (delay <= TimeSpan.Zero)
            jobs.Enqueue<OutboxJob>(OutboxJob.Queue, j => j.RunAsync(outboxMessageId, CancellationToken.None));
        else
            // Hangfire keeps schedule times in whole seconds, so a delayed job can start up to a second early; the
            // extra second keeps it from arriving before the row is due (and before a provider's Retry-After).
            jobs.Schedule<OutboxJob>(OutboxJob.Queue, j => j.RunAsync(outboxMessageId, CancellationToken.None), delay + TimeSpan.FromSeconds(1));
    }
}
