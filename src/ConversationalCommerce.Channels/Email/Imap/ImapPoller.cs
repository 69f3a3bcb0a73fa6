using System.Text.Json;
using ConversationalCommerce.Channels.Email.Settings;
using ConversationalCommerce.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Channels.Email.Imap;

/// <summary>
/// Runs one <see cref="ImapMailboxWatcher"/> per shop with IMAP settings; every refresh it starts watchers for new
/// shops, restarts those whose settings changed and stops those that went away.
/// </summary>
public sealed class ImapPoller(IServiceScopeFactory scopes, IOptions<EmailOptions> options, ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _log = loggers.CreateLogger<ImapPoller>();
    private readonly Dictionary<Guid, (string Fingerprint, CancellationTokenSource Stop, Task Run)> _watchers = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.ImapPollingEnabled) return;
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
                    // The database may not be migrated yet at start; try again next round.
                    _log.LogWarning("IMAP poller could not load shop settings: {Error}", ex.Message);
                }
                await Task.Delay(o.ImapShopRefreshInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            foreach (var (_, w) in _watchers) await w.Stop.CancelAsync();
            await Task.WhenAll(_watchers.Values.Select(w => w.Run));
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
            var fingerprint = JsonSerializer.Serialize(settings);
            if (_watchers.TryGetValue(shopId, out var existing))
            {
                if (existing.Fingerprint == fingerprint && !existing.Run.IsCompleted) continue;
                await existing.Stop.CancelAsync();
                await existing.Run;
            }
            var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var watcher = new ImapMailboxWatcher(shopId, domain, settings, scopes, o, loggers.CreateLogger<ImapMailboxWatcher>());
            _watchers[shopId] = (fingerprint, stop, Task.Run(() => watcher.RunAsync(stop.Token), CancellationToken.None));
        }
        foreach (var gone in _watchers.Keys.Except(shops.Select(s => s.ShopId)).ToList())
        {
            await _watchers[gone].Stop.CancelAsync();
            await _watchers[gone].Run;
            _watchers.Remove(gone);
        }
    }
}
