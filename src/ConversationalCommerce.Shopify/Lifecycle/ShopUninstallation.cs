using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Shopify.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Shopify.Lifecycle;

/// <summary>
/// app/uninstalled as the webhooks see it: a stale uninstall (older than the current install) is ignored; otherwise
/// the sync feature's <see cref="ShopLifecycle"/> drops the tokens, stops the reconcile job and cancels running syncs,
/// and we cancel the shop's pending channel sends and clear its granted scopes.
/// </summary>
public sealed class ShopUninstallation(AppDbContext db, ShopLifecycle lifecycle, TimeProvider time, ILogger<ShopUninstallation> log) : IShopLifecycle
{
    public async Task UninstallAsync(Guid shopId, DateTimeOffset uninstalledAt, CancellationToken cancellationToken)
    {
        var shop = await db.Shops.AsNoTracking().Where(s => s.Id == shopId)
            .Select(s => new { s.Domain, s.InstalledAt }).FirstOrDefaultAsync(cancellationToken);
        if (shop is null) return;
        if (uninstalledAt < shop.InstalledAt)
        {
            log.LogInformation("Shop {ShopDomain}: uninstall of {UninstalledAt} predates the install of {InstalledAt}; ignored",
                shop.Domain, uninstalledAt, shop.InstalledAt);
            return;
        }
        await lifecycle.UninstallAsync(shopId, cancellationToken);
        await db.Shops.Where(s => s.Id == shopId).ExecuteUpdateAsync(s => s.SetProperty(x => x.GrantedScopes, ""), cancellationToken);
        var cancelled = await db.Outbox.IgnoreQueryFilters()
            .Where(o => o.ShopId == shopId && o.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Cancelled)
                .SetProperty(o => o.Error, "The shop uninstalled the app."), cancellationToken);
        log.LogInformation("Shop {ShopDomain} uninstalled; {Cancelled} pending sends cancelled", shop.Domain, cancelled);
    }

    /// <summary>For callers outside the install flow (ShopInstaller reinstalls on its own when tokens arrive).</summary>
    public async Task ReinstallAsync(Guid shopId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changed = await db.Shops.Where(s => s.Id == shopId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.InstallState, ShopInstallState.Installed)
            .SetProperty(x => x.InstalledAt, now)
            .SetProperty(x => x.UninstalledAt, (DateTimeOffset?)null), cancellationToken);
        if (changed == 0) throw new InvalidOperationException($"Shop {shopId} does not exist.");
        log.LogInformation("Shop {ShopId} installed again", shopId);
    }
}
