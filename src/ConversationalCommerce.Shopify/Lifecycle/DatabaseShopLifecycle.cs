using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Domain.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Shopify.Lifecycle;

/// <summary>
/// Uninstall and reinstall as far as the database goes: install state, tokens (dropped, they are dead anyway),
/// granted scopes, and pending channel sends (cancelled). Background sync jobs belong to the sync feature.
/// </summary>
public sealed class DatabaseShopLifecycle(AppDbContext db, TimeProvider time, ILogger<DatabaseShopLifecycle> log) : IShopLifecycle
{
    public async Task UninstallAsync(Guid shopId, DateTimeOffset uninstalledAt, CancellationToken cancellationToken)
    {
        var shop = await db.Shops.FirstOrDefaultAsync(s => s.Id == shopId, cancellationToken);
        if (shop is null) return;
        if (uninstalledAt < shop.InstalledAt)
        {
            log.LogInformation("Shop {ShopDomain}: uninstall of {UninstalledAt} predates the install of {InstalledAt}; ignored",
                shop.Domain, uninstalledAt, shop.InstalledAt);
            return;
        }
        shop.InstallState = ShopInstallState.Uninstalled;
        shop.UninstalledAt ??= uninstalledAt;
        shop.EncryptedAccessToken = null;
        shop.AccessTokenExpiresAt = null;
        shop.EncryptedRefreshToken = null;
        shop.RefreshTokenExpiresAt = null;
        shop.GrantedScopes = "";
        await db.SaveChangesAsync(cancellationToken);
        var cancelled = await db.Outbox.IgnoreQueryFilters()
            .Where(o => o.ShopId == shopId && o.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Cancelled)
                .SetProperty(o => o.Error, "The shop uninstalled the app."), cancellationToken);
        log.LogInformation("Shop {ShopDomain} uninstalled; tokens revoked, {Cancelled} pending sends cancelled", shop.Domain, cancelled);
    }

    public async Task ReinstallAsync(Guid shopId, CancellationToken cancellationToken)
    {
        var shop = await db.Shops.FirstOrDefaultAsync(s => s.Id == shopId, cancellationToken)
            ?? throw new InvalidOperationException($"Shop {shopId} does not exist.");
        shop.InstallState = ShopInstallState.Installed;
        shop.InstalledAt = time.GetUtcNow();
        shop.UninstalledAt = null;
        await db.SaveChangesAsync(cancellationToken);
        log.LogInformation("Shop {ShopDomain} installed again", shop.Domain);
    }
}
