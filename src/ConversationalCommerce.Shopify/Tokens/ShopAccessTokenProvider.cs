using System.Collections.Concurrent;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Coordination;
using ConversationalCommerce.Domain.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Shopify.Tokens;

/// <summary>
/// Hands out decrypted access tokens and rotates expiring ones shortly before they lapse, once per shop even under
/// concurrency: callers in this process queue on a per-shop gate, and across nodes the first to claim the shop's
/// refresh lease (<see cref="DbLeases"/>, the same cross-node lease the mailbox watchers use) refreshes, if the token
/// version is still the one it read, while the others wait for the new version. Shopify rotates the refresh token on every use, so two concurrent refreshes would strand one node.
/// </summary>
public sealed class ShopAccessTokenProvider(
    IServiceScopeFactory scopes,
    ShopifyTokenClient tokens,
    ShopTokenProtector protector,
    DbLeases leases,
    IOptionsMonitor<ShopifyOptions> options,
    TimeProvider time,
    ILogger<ShopAccessTokenProvider> logger) : IShopAccessTokenProvider
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan WaitStep = TimeSpan.FromMilliseconds(200);
    private const int MaxWaitSteps = 200;

    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _gates = new();

    private sealed record TokenRow(
        Guid Id, string Domain, ShopInstallState InstallState, string? EncryptedAccessToken, DateTimeOffset? AccessTokenExpiresAt,
        string? EncryptedRefreshToken, DateTimeOffset? RefreshTokenExpiresAt, int TokenVersion);

    public async Task<ShopAccess> GetAsync(Guid shopId, CancellationToken cancellationToken)
    {
        var row = await LoadAsync(shopId, cancellationToken);
        if (!NeedsRefresh(row)) return Access(row);

        var gate = _gates.GetOrAdd(shopId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // A caller ahead of us in this process may have rotated it already.
            row = await LoadAsync(shopId, cancellationToken);
            return NeedsRefresh(row) ? await RefreshOnceAsync(row, cancellationToken) : Access(row);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<ShopAccess> RenewRejectedAsync(ShopAccess rejected, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(rejected.ShopId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var row = await LoadAsync(rejected.ShopId, cancellationToken);
            // Rotated since the rejected token was handed out (by a caller ahead of us, or another node): try that one.
            if (row.TokenVersion != rejected.TokenVersion)
                return NeedsRefresh(row) ? await RefreshOnceAsync(row, cancellationToken) : Access(row);
            if (row.EncryptedRefreshToken is null)
            {
                logger.LogError("Shopify rejected the access token of shop {ShopDomain}, which has no refresh token; the merchant must open the app again", row.Domain);
                await ClearTokensAsync(row.Id, row.TokenVersion, cancellationToken);
                throw new ShopReauthorizationRequiredException(row.Id, "Shopify rejected its access token and it has no refresh token");
            }
            logger.LogWarning("Shopify rejected the access token of shop {ShopDomain}; refreshing it before its expiry", row.Domain);
            return await RefreshOnceAsync(row, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task MarkReauthorizationRequiredAsync(ShopAccess rejected, CancellationToken cancellationToken)
    {
        logger.LogError("Shopify rejected the renewed access token of shop {ShopDomain}; the merchant must open the app again", rejected.ShopDomain);
        await ClearTokensAsync(rejected.ShopId, rejected.TokenVersion, cancellationToken);
    }

    /// <summary>
    /// Forgets tokens that no longer work (the shop stays installed): with no access token the shop reads as needing
    /// re-authorization, and the admin session endpoint exchanges new tokens on the merchant's next visit. Only
    /// the version that failed is cleared; tokens a re-authorization wrote meanwhile stay.
    /// </summary>
    private async Task ClearTokensAsync(Guid shopId, int failedVersion, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Shops.Where(s => s.Id == shopId && s.TokenVersion == failedVersion)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.EncryptedAccessToken, (string?)null)
                .SetProperty(s => s.AccessTokenExpiresAt, (DateTimeOffset?)null)
                .SetProperty(s => s.EncryptedRefreshToken, (string?)null)
                .SetProperty(s => s.RefreshTokenExpiresAt, (DateTimeOffset?)null)
                .SetProperty(s => s.TokenVersion, failedVersion + 1), CancellationToken.None);
    }

    private bool NeedsRefresh(TokenRow row) =>
        row.AccessTokenExpiresAt is { } expires && row.EncryptedRefreshToken is not null
        && expires - options.CurrentValue.TokenRefreshMargin <= time.GetUtcNow();

    private async Task<ShopAccess> RefreshOnceAsync(TokenRow row, CancellationToken cancellationToken)
    {
        var lease = LeaseName(row.Id);
        var holder = Guid.NewGuid().ToString("N");
        for (var step = 0; step < MaxWaitSteps; step++)
        {
            if (await leases.TryAcquireAsync(lease, holder, LeaseDuration, cancellationToken))
            {
                try
                {
                    // The node that held the lease before us may have rotated the tokens already.
                    var fresh = await LoadAsync(row.Id, cancellationToken);
                    if (fresh.TokenVersion != row.TokenVersion && !NeedsRefresh(fresh)) return Access(fresh);
                    return await RefreshWithLeaseAsync(fresh, cancellationToken);
                }
                finally
                {
                    await leases.ReleaseAsync(lease, holder, CancellationToken.None);
                }
            }

            // Another node holds the lease: wait for the version it writes (or for its lease to lapse).
            await Task.Delay(WaitStep, time, cancellationToken);
            var current = await LoadAsync(row.Id, cancellationToken);
            if (current.TokenVersion != row.TokenVersion && !NeedsRefresh(current)) return Access(current);
            row = current;
        }
        throw new TimeoutException($"Waited too long for another node to refresh the token of shop {row.Id}.");
    }

    private async Task<ShopAccess> RefreshWithLeaseAsync(TokenRow row, CancellationToken cancellationToken)
    {
        ShopifyTokenResponse response;
        try
        {
            response = await tokens.RefreshAsync(row.Domain, protector.Unprotect(row.EncryptedRefreshToken!), cancellationToken);
        }
        catch (ShopifyTokenRequestException ex)
        {
            if (ex.IsPermanent)
            {
                logger.LogError("Shopify refused the refresh token of shop {ShopDomain}; the merchant must open the app again", row.Domain);
                await ClearTokensAsync(row.Id, row.TokenVersion, CancellationToken.None);
                throw new ShopReauthorizationRequiredException(row.Id, "Shopify refused its refresh token");
            }
            throw;
        }

        var now = time.GetUtcNow();
        if (response.ExpiresIn is null)
            logger.LogWarning("Token refresh of shop {ShopDomain} returned no expires_in; treating the token as non-expiring", row.Domain);
        var written = new ShopTokenValues(
            protector.Protect(response.AccessToken!),
            response.ExpiresIn is { } s ? now.AddSeconds(s) : null,
            // Shopify rotates the refresh token; if a response ever lacks one, the old one stays (it is still accepted until the new one is used).
            response.RefreshToken is { Length: > 0 } r ? protector.Protect(r) : row.EncryptedRefreshToken,
            response.RefreshToken is { Length: > 0 }
                ? (response.RefreshTokenExpiresIn is { } rs ? now.AddSeconds(rs) : null)
                : row.RefreshTokenExpiresAt,
            response.Scope);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Access token, refresh token and version change in one statement: no reader ever sees half a rotation.
        var updated = await db.Shops.Where(x => x.Id == row.Id && x.TokenVersion == row.TokenVersion)
            .ExecuteUpdateAsync(u => u
                .SetProperty(x => x.EncryptedAccessToken, written.EncryptedAccessToken)
                .SetProperty(x => x.AccessTokenExpiresAt, written.AccessTokenExpiresAt)
                .SetProperty(x => x.EncryptedRefreshToken, written.EncryptedRefreshToken)
                .SetProperty(x => x.RefreshTokenExpiresAt, written.RefreshTokenExpiresAt)
                .SetProperty(x => x.TokenVersion, row.TokenVersion + 1), CancellationToken.None);
        if (updated == 0)
            // Reinstalled or uninstalled while we refreshed: that newer state wins.
            logger.LogWarning("Shop {ShopDomain} changed during its token refresh; the refreshed token was not stored", row.Domain);
        else
            logger.LogInformation("Refreshed the access token of shop {ShopDomain}", row.Domain);
        return new ShopAccess(row.Id, row.Domain, response.AccessToken!, updated == 0 ? row.TokenVersion : row.TokenVersion + 1);
    }

    private static string LeaseName(Guid shopId) => "shopify-token:" + shopId.ToString("N");

    private ShopAccess Access(TokenRow row) => new(row.Id, row.Domain, protector.Unprotect(row.EncryptedAccessToken!), row.TokenVersion);

    private async Task<TokenRow> LoadAsync(Guid shopId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.Shops.AsNoTracking().Where(s => s.Id == shopId)
            .Select(s => new TokenRow(s.Id, s.Domain, s.InstallState, s.EncryptedAccessToken, s.AccessTokenExpiresAt,
                s.EncryptedRefreshToken, s.RefreshTokenExpiresAt, s.TokenVersion))
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new ShopNotConnectedException(shopId, "no such shop");
        if (row.InstallState != ShopInstallState.Installed)
            throw new ShopNotConnectedException(shopId, "the app is not installed");
        if (row.EncryptedAccessToken is null)
            throw new ShopReauthorizationRequiredException(shopId, "it holds no access token");
        return row;
    }
}

/// <summary>The encrypted token columns as written together.</summary>
internal sealed record ShopTokenValues(
    string EncryptedAccessToken, DateTimeOffset? AccessTokenExpiresAt, string? EncryptedRefreshToken,
    DateTimeOffset? RefreshTokenExpiresAt, string? Scope);
