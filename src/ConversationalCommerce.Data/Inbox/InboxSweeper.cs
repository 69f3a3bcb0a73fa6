using ConversationalCommerce.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Data.Inbox;

/// <summary>
/// Crash recovery: re-dispatches Pending rows whose dispatch must have been lost and Processing rows whose
/// worker's lease lapsed. Nothing depends on the job queue surviving a restart.
/// </summary>
public sealed class InboxSweeper(AppDbContext db, IInboxDispatcher dispatcher, IOptions<InboxOptions> options,
    TimeProvider time, ILogger<InboxSweeper> log)
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var pendingCutoff = now - o.SweepPendingAfter;
        var ids = await db.Inbox.AsNoTracking()
            .Where(m => (m.Status == InboxStatus.Pending && m.NextAttemptAt <= pendingCutoff)
                || (m.Status == InboxStatus.Processing && m.LeaseExpiresAt < now))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(o.SweepBatchSize)
            .ToListAsync(cancellationToken);
        foreach (var id in ids) dispatcher.Dispatch(id);
        if (ids.Count > 0) log.LogInformation("Inbox sweep re-dispatched {Count} unfinished rows", ids.Count);
        return ids.Count;
    }
}
