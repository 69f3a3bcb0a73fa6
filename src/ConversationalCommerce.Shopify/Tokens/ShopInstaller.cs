using System.Collections.Concurrent;
using System.Security.Cryptography;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Shopify.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Shopify.Tokens;

/// <summary>
/// Stores the tokens of a fresh install or a reinstall (encrypted) and hands the shop to its lifecycle (reconcile
/// job, first sync). A reinstall reuses the shop row: its catalog and conversations stay, its tokens are replaced.
/// </summary>
public sealed class ShopInstaller(
    AppDbContext db,
    ShopTokenProtector protector,
    ShopLifecycle lifecycle,
    TimeProvider time,
    ILogger<ShopInstaller> logger)
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public async Task<Guid> InstallAsync(string shopDomain, ShopifyTokenResponse tokens, CancellationToken cancellationToken)
    {
        if (!ShopDomain.TryNormalize(shopDomain, out var domain))
            throw new ArgumentException("Not a myshopify.com domain.", nameof(shopDomain));
        var gate = Gates.GetOrAdd(domain, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await InstallLockedAsync(domain, tokens, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<Guid> InstallLockedAsync(string domain, ShopifyTokenResponse tokens, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var shop = await db.Shops.FirstOrDefaultAsync(s => s.Domain == domain, cancellationToken);
        var fresh = shop is null || shop.InstallState != ShopInstallState.Installed;
        if (shop is null)
        {
            shop = new Shop { Domain = domain, Name = domain, InstalledAt = now };
            db.Shops.Add(shop);
        }
        if (string.IsNullOrEmpty(shop.WidgetKey))
            shop.WidgetKey = "wk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        if (shop.InstallState != ShopInstallState.Installed)
        {
            shop.InstallState = ShopInstallState.Installed;
            shop.InstalledAt = now;
            shop.UninstalledAt = null;
        }
        shop.EncryptedAccessToken = protector.Protect(tokens.AccessToken!);
        shop.AccessTokenExpiresAt = tokens.ExpiresIn is { } s ? now.AddSeconds(s) : null;
        shop.EncryptedRefreshToken = tokens.RefreshToken is { Length: > 0 } r ? protector.Protect(r) : null;
        shop.RefreshTokenExpiresAt = tokens.RefreshTokenExpiresIn is { } rs && tokens.RefreshToken is { Length: > 0 } ? now.AddSeconds(rs) : null;
        shop.GrantedScopes = tokens.Scope ?? shop.GrantedScopes;
        shop.TokenVersion++;
        await db.SaveChangesAsync(cancellationToken);

        logger.LogInformation("Shop {ShopDomain} {Event} (scopes {Scopes}, token expires {Expires})",
            domain, fresh ? "installed" : "re-authorized", shop.GrantedScopes, shop.AccessTokenExpiresAt?.ToString("O") ?? "never");
        await lifecycle.OnInstalledAsync(shop.Id, startSync: fresh, cancellationToken);
        return shop.Id;
    }
}
