using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Shopify.Auth;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Shopify.Sync;

/// <summary>
/// At start (after migrations): queue sync runs a stopped node left unfinished, and make sure every connected shop
/// has its recurring reconcile (an in-memory job store forgets them on restart).
/// </summary>
internal sealed class ShopifySyncStartup(
    IServiceScopeFactory scopes,
    IRecurringJobManager recurring,
    IOptionsMonitor<ShopifyOptions> options,
    ILogger<ShopifySyncStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var shops = await db.Shops.AsNoTracking()
                .Where(s => s.InstallState == ShopInstallState.Installed && s.EncryptedAccessToken != null)
                .Select(s => s.Id).ToListAsync(cancellationToken);
            foreach (var shopId in shops)
                recurring.AddOrUpdate<ReconcileJob>(ShopLifecycle.ReconcileJobId(shopId), ReconcileJob.Queue,
                    j => j.RunAsync(shopId, CancellationToken.None), options.CurrentValue.Sync.ReconcileCron);
            await scope.ServiceProvider.GetRequiredService<SyncScheduler>().ResumeUnfinishedAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A database not migrated yet (MigrateOnStartup off) must not stop the host; readiness reports it.
            logger.LogWarning(ex, "Could not resume Shopify syncs at start-up");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
