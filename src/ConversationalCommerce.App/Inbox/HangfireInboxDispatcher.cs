using ConversationalCommerce.Data.Inbox;
using Hangfire;

namespace ConversationalCommerce.App.Inbox;

/// <summary>Dispatches inbox rows as jobs on the "inbox" queue; delayed ones as scheduled jobs.</summary>
public sealed class HangfireInboxDispatcher(IBackgroundJobClient jobs) : IInboxDispatcher
{
    public void Dispatch(Guid inboxMessageId, TimeSpan delay = default)
    {
        if (delay <= TimeSpan.Zero)
            jobs.Enqueue<InboxJob>(InboxJob.Queue, j => j.RunAsync(inboxMessageId, CancellationToken.None));
        else
            jobs.Schedule<InboxJob>(InboxJob.Queue, j => j.RunAsync(inboxMessageId, CancellationToken.None), delay);
    }
}
