using System.Collections.Concurrent;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Domain.Sync;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Shopify.Sync;

/// <summary>Creates sync runs (one active per shop) and hands them to Hangfire; resumes the ones a worker left.</summary>
public sealed class SyncScheduler(
    AppDbContext db,
    IBackgroundJobClient jobs,
    BulkFinishSignal finishSignal,
    TimeProvider time,
    ILogger<SyncScheduler> logger)
{
    private static readonly ConcurrentDictionary<Guid, SemaphoreSlim> Gates = new();

    /// <summary>Starts a sync of the shop, or returns the one already pending or running.</summary>
    public async Task<SyncRun> StartAsync(Guid shopId, SyncTrigger trigger, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(shopId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var active = await db.SyncRuns.IgnoreQueryFilters()
                .Where(r => r.ShopId == shopId && (r.Status == SyncRunStatus.Pending || r.Status == SyncRunStatus.Running))
                .OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(cancellationToken);
            if (active is not null) return active;

            var installed = await db.Shops.AnyAsync(s => s.Id == shopId && s.InstallState == ShopInstallState.Installed && s.EncryptedAccessToken != null, cancellationToken);
            if (!installed) throw new InvalidOperationException($"Shop {shopId} is not installed; nothing to sync.");

            var now = time.GetUtcNow();
            var run = new SyncRun { ShopId = shopId, Trigger = trigger, CreatedAt = now, UpdatedAt = now };
            db.SyncRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
            Enqueue(run.Id);
            logger.LogInformation("Sync {SyncRunId} of shop {ShopId} queued ({Trigger})", run.Id, shopId, trigger);
            return run;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>bulk_operations/finish: wake the waiting run here, and queue it again if no worker holds it.</summary>
    public async Task OnBulkOperationFinishedAsync(Guid shopId, string bulkOperationId, CancellationToken cancellationToken)
    {
        finishSignal.Set(bulkOperationId);
        var now = time.GetUtcNow();
        var orphan = await db.SyncRuns.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.ShopId == shopId && r.BulkOperationId == bulkOperationId
                        && (r.Status == SyncRunStatus.Pending || r.Status == SyncRunStatus.Running)
                        && (r.LeaseUntil == null || r.LeaseUntil < now))
            .Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (orphan is { } id) Enqueue(id);
    }

    /// <summary>Queues every unfinished run no worker holds (after a restart, the job store may have lost them).</summary>
    public async Task<int> ResumeUnfinishedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ids = await db.SyncRuns.IgnoreQueryFilters().AsNoTracking()
            .Where(r => (r.Status == SyncRunStatus.Pending || r.Status == SyncRunStatus.Running) && (r.LeaseUntil == null || r.LeaseUntil < now))
            .Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var id in ids) Enqueue(id);
        if (ids.Count > 0) logger.LogInformation("Resuming {Count} unfinished sync runs", ids.Count);
        return ids.Count;
    }

    private void Enqueue(Guid runId) => jobs.Enqueue<SyncJob>(SyncJob.Queue, j => j.RunAsync(runId, CancellationToken.None));
}
