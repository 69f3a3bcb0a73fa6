using System.Collections.Concurrent;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Engine.Search.Index;
using ConversationalCommerce.Engine.Search.Query;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Engine.Search;

/// <summary>
/// Holds one immutable <see cref="ShopIndex"/> per shop, loaded on first use. Writers (load, rebuild, change sets)
/// build a new snapshot off to the side and swap the reference; readers take whatever snapshot is current, so a
/// search never waits for an update.
/// </summary>
public sealed class CatalogSearch(
    ICatalogSource source,
    IOptions<CatalogSearchOptions> options,
    TimeProvider time,
    ILogger<CatalogSearch> logger) : ICatalogSearch
{
    private readonly ConcurrentDictionary<Guid, ShopIndex> _indexes = new();
    private readonly ConcurrentDictionary<Guid, Lazy<Task>> _loads = new();
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _writers = new();
    /// <summary>When the current snapshot of each shop started reading the database (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    private readonly ConcurrentDictionary<Guid, long> _readFrom = new();
    private readonly ProductAnalysis _analysis = ProductAnalysis.Instance;
    private readonly ShopIndexSearcher _searcher = ShopIndexSearcher.Default;

    public async Task EnsureLoadedAsync(Guid shopId, CancellationToken cancellationToken)
    {
        if (_indexes.ContainsKey(shopId)) return;
        var load = _loads.GetOrAdd(shopId, id => new Lazy<Task>(() => LoadAsync(id)));
        try
        {
            await load.Value.WaitAsync(cancellationToken);
        }
        catch when (load.Value.IsFaulted)
        {
            _loads.TryRemove(new KeyValuePair<Guid, Lazy<Task>>(shopId, load));
            throw;
        }
    }

    public IReadOnlyList<SearchHit> Search(Guid shopId, SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _searcher.Search(Current(shopId), request);
    }

    public IReadOnlyList<string> UnknownWords(Guid shopId, string text) =>
        string.IsNullOrWhiteSpace(text) ? [] : _searcher.UnknownWords(Current(shopId), text);

    public bool NamesProducts(Guid shopId, string text) =>
        !string.IsNullOrWhiteSpace(text) && _searcher.NamesProducts(Current(shopId), text);

    public string Spelled(Guid shopId, string text) =>
        string.IsNullOrWhiteSpace(text) ? text : _searcher.Spelled(Current(shopId), text);

    public Product? Get(Guid shopId, Guid productId)
    {
        var index = Current(shopId);
        return index.DocById.TryGetValue(productId, out var doc) ? index.Docs[doc].Product : null;
    }

    public CatalogVocabulary Vocabulary(Guid shopId) => Current(shopId).Vocabulary;

    /// <summary>True once the shop is in memory or on its way; the updater only maintains such shops.</summary>
    public bool IsTracked(Guid shopId) => _indexes.ContainsKey(shopId) || _loads.ContainsKey(shopId);

    /// <summary>
    /// True when the shop's whole catalog was read after <paramref name="timestamp"/>: a change announced before then
    /// (announcements follow the commit) is in the snapshot already, so reading it again would only cost time.
    /// </summary>
    public bool ReadAfter(Guid shopId, long timestamp) => _readFrom.TryGetValue(shopId, out var readFrom) && readFrom > timestamp;

    /// <summary>Reads the whole shop again and swaps the new index in.</summary>
    public async Task RebuildAsync(Guid shopId, CancellationToken cancellationToken)
    {
        var gate = _writers.GetOrAdd(shopId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            _indexes[shopId] = await BuildAsync(shopId, cancellationToken);
        }
        finally { gate.Release(); }
    }

    /// <summary>Reloads the changed products (a missing one was deleted), drops the removed ones, swaps the new index in.</summary>
    public async Task ApplyChangesAsync(Guid shopId, IReadOnlyCollection<Guid> changed, IReadOnlyCollection<Guid> removed, CancellationToken cancellationToken)
    {
        var gate = _writers.GetOrAdd(shopId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!_indexes.TryGetValue(shopId, out var current)) return;
            var products = changed.Count == 0 ? [] : await source.LoadProductsAsync(shopId, changed, cancellationToken);
            var found = products.Select(p => p.Product.Id).ToHashSet();
            var analysed = products
                .Select(p => _analysis.Analyze(p.Product, p.CollectionTitles,
                    current.DocById.TryGetValue(p.Product.Id, out var old) ? current.Docs[old].Popularity : 0, current.Strings))
                .ToList();
            var gone = removed.Concat(changed.Where(id => !found.Contains(id))).ToList();
            _indexes[shopId] = current.With(analysed, gone);
            logger.LogDebug("Search index of shop {ShopId} updated: {Changed} changed, {Removed} removed", shopId, analysed.Count, gone.Count);
        }
        finally { gate.Release(); }
    }

    private ShopIndex Current(Guid shopId)
    {
        if (_indexes.TryGetValue(shopId, out var index)) return index;
        // Callers should await EnsureLoadedAsync first; a caller that did not gets a correct (if slower) first answer.
        EnsureLoadedAsync(shopId, CancellationToken.None).GetAwaiter().GetResult();
        return _indexes[shopId];
    }

    private async Task LoadAsync(Guid shopId)
    {
        var gate = _writers.GetOrAdd(shopId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            if (_indexes.ContainsKey(shopId)) return;
            _indexes[shopId] = await BuildAsync(shopId, CancellationToken.None);
        }
        finally
        {
            gate.Release();
        }
        _loads.TryRemove(shopId, out _);
    }

    private async Task<ShopIndex> BuildAsync(Guid shopId, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        _readFrom[shopId] = started;
        var since = time.GetUtcNow() - options.Value.PopularityWindow;
        var orders = await source.OrderCountsAsync(shopId, since, cancellationToken);
        // Each page is analysed as it arrives: only the analysed products (which the index keeps) accumulate.
        var strings = new SharedStrings();
        var docs = new List<IndexedProduct>();
        await foreach (var p in source.StreamAllProductsAsync(shopId, cancellationToken))
            docs.Add(_analysis.Analyze(p.Product, p.CollectionTitles, orders.GetValueOrDefault(p.Product.Id), strings));
        var index = ShopIndex.Build(shopId, docs, strings);
        logger.LogInformation("Search index of shop {ShopId} built: {Products} products in {Ms:F0} ms",
            shopId, docs.Count, time.GetElapsedTime(started).TotalMilliseconds);
        return index;
    }
}
