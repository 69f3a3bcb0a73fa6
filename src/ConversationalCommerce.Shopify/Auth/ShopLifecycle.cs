using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Domain.Sync;
using ConversationalCommerce.Shopify.Sync;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Shopify.Auth;

/// <summary>
/// What happens to a shop when the app is installed or removed. The webhook handlers call
/// <see cref="UninstallAsync"/> (app/uninstalled), <see cref="StartInitialSyncAsync"/> and
/// <see cref="OnBulkOperationFinishedAsync"/> (bulk_operations/finish).
/// </summary>
public sealed class ShopLifecycle(
    AppDbContext db,
    SyncScheduler sync,
    IRecurringJobManager recurring,
    IOptionsMonitor<ShopifyOptions> options,
    TimeProvider time,
    ILogger<ShopLifecycle> logger)
{
    public static string ReconcileJobId(Guid shopId) => $"shopify-reconcile-{shopId:N}";

    /// <summary>After tokens are stored: the recurring reconcile, and the first sync of a new or returning shop.</summary>
    public async Task OnInstalledAsync(Guid shopId, bool startSync, CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<ReconcileJob>(ReconcileJobId(shopId), ReconcileJob.Queue,
            j => j.RunAsync(shopId, CancellationToken.None), options.CurrentValue.Sync.ReconcileCron);
        if (startSync && options.CurrentValue.Sync.StartAfterInstall)
            await sync.StartAsync(shopId, SyncTrigger.Install, cancellationToken);
    }

    public Task<SyncRun> StartInitialSyncAsync(Guid shopId, CancellationToken cancellationToken = default) =>
        sync.StartAsync(shopId, SyncTrigger.Install, cancellationToken);

    /// <summary>The bulk_operations/finish webhook: wakes the sync waiting for that operation.</summary>
    public Task OnBulkOperationFinishedAsync(Guid shopId, string bulkOperationGid, CancellationToken cancellationToken = default) =>
        sync.OnBulkOperationFinishedAsync(shopId, bulkOperationGid, cancellationToken);

    /// <summary>
    /// app/uninstalled: forget the tokens (Shopify has revoked them already), stop the shop's recurring jobs and
    /// cancel its running sync. The catalog stays until shop/redact; a reinstall picks up from there.
    /// </summary>
    public async Task UninstallAsync(Guid shopId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var changed = await db.Shops.Where(s => s.Id == shopId)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.InstallState, ShopInstallState.Uninstalled)
                .SetProperty(s => s.UninstalledAt, now)
                .SetProperty(s => s.EncryptedAccessToken, (string?)null)
                .SetProperty(s => s.AccessTokenExpiresAt, (DateTimeOffset?)null)
                .SetProperty(s => s.EncryptedRefreshToken, (string?)null)
                .SetProperty(s => s.RefreshTokenExpiresAt, (DateTimeOffset?)null)
                .SetProperty(s => s.TokenVersion, s => s.TokenVersion + 1), cancellationToken);
        recurring.RemoveIfExists(ReconcileJobId(shopId));
        var cancelled = await db.SyncRuns.IgnoreQueryFilters()
            .Where(r => r.ShopId == shopId && (r.Status == SyncRunStatus.Pending || r.Status == SyncRunStatus.Running))
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, SyncRunStatus.Cancelled)
                .SetProperty(r => r.Error, "The app was uninstalled.")
                .SetProperty(r => r.UpdatedAt, now)
                .SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
        logger.LogInformation("Shop {ShopId} uninstalled ({Found}); tokens dropped, reconcile stopped, {Cancelled} sync runs cancelled",
            shopId, changed == 1 ? "found" : "unknown", cancelled);
    }
}
