using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Channels.Delivery;

/// <summary>
/// Crash recovery: re-dispatches Pending rows that are due (their job was lost, or their worker died and the claim's
/// lease ran out). Runs at start-up and every minute; nothing depends on the job queue surviving a restart.
/// </summary>
public sealed class OutboxSweeper(AppDbContext db, IOutboxDispatcher dispatcher, IOptions<OutboxOptions> options,
    TimeProvider time, ILogger<OutboxSweeper> log)
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        DateTimeOffset? cutoff = time.GetUtcNow() - o.SweepPendingAfter;
        var ids = await db.Outbox.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && (m.NextAttemptAt == null || m.NextAttemptAt <= cutoff))
            .OrderBy(m => m.CreatedAt)
            .Select(m => m.Id)
            .Take(o.SweepBatchSize)
            .ToListAsync(cancellationToken);
        foreach (var id in ids) dispatcher.Dispatch(id);
        if (ids.Count > 0) log.LogInformation("Outbox sweep re-dispatched {Count} unfinished sends", ids.Count);
        return ids.Count;
    }
}
