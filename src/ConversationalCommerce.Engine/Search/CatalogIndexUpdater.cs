using System.Threading.Channels;
using ConversationalCommerce.Engine.Catalog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Engine.Search;

/// <summary>
/// Receives catalog change notices (cheap, never blocks the writer) and applies them to the search index on a
/// background loop. A burst (a sync writing hundreds of products) is coalesced: after the first notice the loop
/// waits <see cref="CatalogSearchOptions.UpdateCoalesceDelay"/>, then applies everything queued per shop at once.
/// </summary>
public sealed class CatalogIndexUpdater(
    CatalogSearch search,
    IOptions<CatalogSearchOptions> options,
    TimeProvider time,
    ILogger<CatalogIndexUpdater> logger) : BackgroundService, ICatalogChangeNotifier
{
    private enum ChangeKind { Changed, Removed, Shop }

    private sealed record Change(Guid ShopId, ChangeKind Kind, IReadOnlyCollection<Guid> ProductIds, long AnnouncedAt);

    private sealed class PendingShop
    {
        public bool Rebuild;
        /// <summary>The latest announcement merged in: a snapshot read after it holds every change of the batch.</summary>
        public long LastAnnouncedAt;
        public readonly HashSet<Guid> Changed = [];
        public readonly HashSet<Guid> Removed = [];
    }

    private readonly Channel<Change> _queue = Channel.CreateUnbounded<Change>(new UnboundedChannelOptions { SingleReader = true });

    public void ProductsChanged(Guid shopId, IReadOnlyCollection<Guid> productIds) =>
        _queue.Writer.TryWrite(new Change(shopId, ChangeKind.Changed, productIds.ToArray(), time.GetTimestamp()));

    public void ProductsRemoved(Guid shopId, IReadOnlyCollection<Guid> productIds) =>
        _queue.Writer.TryWrite(new Change(shopId, ChangeKind.Removed, productIds.ToArray(), time.GetTimestamp()));

    public void ShopChanged(Guid shopId) => _queue.Writer.TryWrite(new Change(shopId, ChangeKind.Shop, [], time.GetTimestamp()));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            await Task.Delay(options.Value.UpdateCoalesceDelay, time, stoppingToken);
            var pending = new Dictionary<Guid, PendingShop>();
            while (reader.TryRead(out var change)) Merge(pending, change);
            foreach (var (shopId, work) in pending)
            {
                try
                {
                    await ApplyAsync(shopId, work, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The index keeps serving its last good snapshot; the next notice or restart will catch up.
                    logger.LogError(ex, "Search index update for shop {ShopId} failed", shopId);
                }
            }
        }
    }

    private static void Merge(Dictionary<Guid, PendingShop> pending, Change change)
    {
        if (!pending.TryGetValue(change.ShopId, out var work)) pending[change.ShopId] = work = new PendingShop();
        work.LastAnnouncedAt = Math.Max(work.LastAnnouncedAt, change.AnnouncedAt);
        switch (change.Kind)
        {
            case ChangeKind.Shop:
                work.Rebuild = true;
                break;
            case ChangeKind.Changed:
                foreach (var id in change.ProductIds) { work.Changed.Add(id); work.Removed.Remove(id); }
                break;
            case ChangeKind.Removed:
                foreach (var id in change.ProductIds) { work.Removed.Add(id); work.Changed.Remove(id); }
                break;
        }
    }

    private async Task ApplyAsync(Guid shopId, PendingShop work, CancellationToken cancellationToken)
    {
        // A shop nobody searched yet is not in memory: its first search loads the fresh catalog anyway.
        if (!search.IsTracked(shopId)) return;
        await search.EnsureLoadedAsync(shopId, cancellationToken);
        // A load that started after the announcements (e.g. the first search after a sync announced the whole shop)
        // read those changes already: a second full read of a large catalog would delay every change behind it.
        if (search.ReadAfter(shopId, work.LastAnnouncedAt))
        {
            logger.LogDebug("Search index of shop {ShopId} was read after its pending changes; nothing to apply", shopId);
            return;
        }
        if (work.Rebuild) await search.RebuildAsync(shopId, cancellationToken);
        else await search.ApplyChangesAsync(shopId, work.Changed, work.Removed, cancellationToken);
    }
}
