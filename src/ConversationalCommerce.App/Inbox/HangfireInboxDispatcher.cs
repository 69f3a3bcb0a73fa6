using ConversationalCommerce.Data.Inbox;
using Hangfire;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.App.Inbox;

/// <summary>Dispatches inbox rows as jobs on the "inbox" queue; delayed ones as scheduled jobs.</summary>
public sealed class HangfireInboxDispatcher(IBackgroundJobClient jobs, IOptions<InboxOptions> options) : IInboxDispatcher
{
    public void Dispatch(Guid inboxMessageId, TimeSpan delay = default)
    {
        if (delay <= TimeSpan.Zero)
            jobs.Enqueue<InboxJob>(InboxJob.Queue, j => j.RunAsync(inboxMessageId, CancellationToken.None));
        else
            jobs.Schedule<InboxJob>(InboxJob.Queue, j => j.RunAsync(inboxMessageId, CancellationToken.None), delay);
    }

    /// <summary>
    /// One job per <see cref="InboxOptions.MaxRowsPerJob"/> rows of a commit: an enqueue costs a job-store round trip
    /// (a PostgreSQL transaction with PostgreSQL storage), so under load this saves most of them, while a big commit
    /// still spreads over several workers.
    /// </summary>
    public void DispatchMany(IReadOnlyList<Guid> inboxMessageIds)
    {
        if (inboxMessageIds.Count == 1)
        {
            Dispatch(inboxMessageIds[0]);
            return;
        }
        foreach (var chunk in inboxMessageIds.Chunk(Math.Max(1, options.Value.MaxRowsPerJob)))
            jobs.Enqueue<InboxJob>(InboxJob.Queue, j => j.RunManyAsync(chunk, CancellationToken.None));
    }
}
