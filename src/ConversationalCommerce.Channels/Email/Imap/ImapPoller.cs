using System.Text.Json;
using ConversationalCommerce.Channels.Email.Settings;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Coordination;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Channels.Email.Imap;

/// <summary>
/// Runs one <see cref="ImapMailboxWatcher"/> per shop with IMAP settings, on one node only: a node watches a mailbox
/// while it holds that mailbox's lease (<see cref="DbLeases"/>, "imap:{shopId}"), renewing it every round. Every
/// round it starts watchers for new shops whose lease it wins, restarts those whose settings changed, and stops those
/// that went away or whose lease it lost. On shutdown it gives its leases back so another node takes over at once.
/// </summary>
public sealed class ImapPoller(
    IServiceScopeFactory scopes, IOptions<EmailOptions> options, DbLeases leases, MailTls tls, ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _log = loggers.CreateLogger<ImapPoller>();
    private readonly Dictionary<Guid, (string Fingerprint, CancellationTokenSource Stop, Task Run)> _watchers = [];
    private volatile Guid[] _watched = [];

    /// <summary>This poller's name as a lease holder (unique per process start).</summary>
    public string NodeId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>The shops whose mailbox this node watches now.</summary>
    public IReadOnlyCollection<Guid> WatchedShops => _watched;

    public static string LeaseName(Guid shopId) => "imap:" + shopId.ToString("N");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.ImapPollingEnabled) return;
        // Renew well before the lease lapses; also the pace at which new or changed shop settings are picked up.
        var round = TimeSpan.FromTicks(Math.Min(o.ImapShopRefreshInterval.Ticks, o.ImapLeaseDuration.Ticks / 3));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RefreshAsync(o, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database may not be migrated yet at start, or be unreachable: leases cannot be renewed, so
                    // stop watching rather than risk two nodes on one mailbox; the next round claims them again.
                    _log.LogWarning("IMAP poller could not load shop settings or renew its leases: {Error}", ex.Message);
                    foreach (var shopId in _watchers.Keys.ToList()) await StopAsync(shopId, release: false);
                }
                await Task.Delay(round, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            foreach (var shopId in _watchers.Keys.ToList()) await StopAsync(shopId, release: true);
        }
    }

    private async Task RefreshAsync(EmailOptions o, CancellationToken stoppingToken)
    {
        IReadOnlyList<(Guid ShopId, string Domain, ShopEmailSettings Settings)> shops;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<EmailSettingsStore>();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var enabled = await store.GetImapEnabledAsync(stoppingToken);
            var ids = enabled.Select(e => e.ShopId).ToList();
            var domains = await db.Shops.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Domain, stoppingToken);
            shops = enabled.Where(e => domains.ContainsKey(e.ShopId)).Select(e => (e.ShopId, domains[e.ShopId], e.Settings)).ToList();
        }

        foreach (var (shopId, domain, settings) in shops)
        {
            // Claims a free or lapsed lease, renews our own; false while another node watches this mailbox.
            if (!await leases.TryAcquireAsync(LeaseName(shopId), NodeId, o.ImapLeaseDuration, stoppingToken))
            {
                if (_watchers.ContainsKey(shopId))
                {
                    _log.LogWarning("IMAP lease of {Shop} was taken by another node; this node stops watching it", domain);
                    await StopAsync(shopId, release: false);
                }
                continue;
            }
            var fingerprint = JsonSerializer.Serialize(settings);
            if (_watchers.TryGetValue(shopId, out var existing))
            {
                if (existing.Fingerprint == fingerprint && !existing.Run.IsCompleted) continue;
                await StopAsync(shopId, release: false);
            }
            else
            {
                _log.LogInformation("IMAP lease of {Shop} taken by node {Node}", domain, NodeId);
            }
            var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var watcher = new ImapMailboxWatcher(shopId, domain, settings, scopes, o, tls, loggers.CreateLogger<ImapMailboxWatcher>());
            _watchers[shopId] = (fingerprint, stop, Task.Run(() => watcher.RunAsync(stop.Token), CancellationToken.None));
        }
        foreach (var gone in _watchers.Keys.Except(shops.Select(s => s.ShopId)).ToList())
            await StopAsync(gone, release: true);
        _watched = [.. _watchers.Keys];
    }

    private async Task StopAsync(Guid shopId, bool release)
    {
        if (!_watchers.Remove(shopId, out var watcher)) return;
        await watcher.Stop.CancelAsync();
        await watcher.Run;
        watcher.Stop.Dispose();
        _watched = [.. _watchers.Keys];
        if (!release) return;
        try
        {
            await leases.ReleaseAsync(LeaseName(shopId), NodeId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // It lapses on its own; another node only waits a little longer.
            _log.LogWarning("IMAP lease of shop {ShopId} not released: {Error}", shopId, ex.Message);
        }
    }
}
