using System.Diagnostics;
using System.Globalization;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.App.Features.Search.Evaluation;

public sealed record QueryOutcome(string QueryId, string Query, double? Ndcg10, double? Recall50, IReadOnlyList<string> Top);

/// <summary>Mean figures over one part of the query set.</summary>
public sealed record SplitFigures(int Queries, double Ndcg10, double Recall50);

/// <summary>
/// The query set cut in two by the parity of numeric query ids: a change tuned on one set of judged queries should
/// help both halves, not one half a lot and the other not at all.
/// </summary>
public sealed record QueryHalves(SplitFigures Odd, SplitFigures Even)
{
    /// <summary>Null when some query id is not a whole number (no parity to split by).</summary>
    public static QueryHalves? Of(IReadOnlyList<QueryOutcome> outcomes)
    {
        var odd = new List<QueryOutcome>();
        var even = new List<QueryOutcome>();
        foreach (var o in outcomes)
        {
            if (!long.TryParse(o.QueryId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)) return null;
            (id % 2 == 0 ? even : odd).Add(o);
        }
        return new QueryHalves(Figures(odd), Figures(even));

        static SplitFigures Figures(List<QueryOutcome> part) =>
            new(part.Count, SearchEvaluation.Mean(part.Select(o => o.Ndcg10)), SearchEvaluation.Mean(part.Select(o => o.Recall50)));
    }
}

public sealed record SearchEvalResult(
    int Products, int Queries, double Ndcg10, double Recall50, double IndexSeconds, double P50QueryMs, double P99QueryMs,
    IReadOnlyList<QueryOutcome> PerQuery)
{
    /// <summary>Odd and even query ids apart; null when the ids are not numbers.</summary>
    public QueryHalves? Halves { get; } = QueryHalves.Of(PerQuery);
}

/// <summary>
/// Measures the product's own search on a judged data set: the catalog goes into a scratch shop in the database,
/// the index loads it the way it loads any shop, and every query runs through <see cref="ICatalogSearch"/>.
/// Prices and stock in such data are stand-ins, so purchasability is not filtered.
/// </summary>
public sealed class SearchEvaluation(IServiceProvider services)
{
    private const int Depth = 50;
    /// <summary>How deep a run file goes: the whole reranked head, so rerankers can be tried offline on it.</summary>
    public const int RunFileDepth = 100;
    /// <summary>Timed passes over the queries, after one untimed warm-up pass.</summary>
    private const int TimedPasses = 5;

    /// <param name="runFile">
    /// When given, each query's top <see cref="RunFileDepth"/> with scores, one line each in the TREC run format
    /// (query_id Q0 handle rank score tag): the input of offline reranking experiments and of standard IR tools.
    /// </param>
    public async Task<SearchEvalResult> RunAsync(
        IReadOnlyList<Product> products, IReadOnlyList<EvalQuery> queries,
        IReadOnlyDictionary<string, Dictionary<string, int>> labels, CancellationToken cancellationToken,
        TextWriter? runFile = null)
    {
        var shopId = await ImportAsync(products, cancellationToken);
        var search = services.GetRequiredService<ICatalogSearch>();

        var indexing = Stopwatch.StartNew();
        await search.EnsureLoadedAsync(shopId, cancellationToken);
        var indexSeconds = indexing.Elapsed.TotalSeconds;

        var outcomes = new List<QueryOutcome>(queries.Count);
        foreach (var q in queries)
        {
            var top = Run(search, shopId, q.Text);
            var grades = labels.GetValueOrDefault(q.Id) ?? [];
            outcomes.Add(new QueryOutcome(q.Id, q.Text, RelevanceMetrics.Ndcg(top, grades), RelevanceMetrics.Recall(top, grades, Depth), top));
            if (runFile is not null) await WriteRunAsync(runFile, search, shopId, q, cancellationToken);
        }

        var latencies = new List<double>(queries.Count * TimedPasses);
        for (var pass = 0; pass < TimedPasses; pass++)
            foreach (var q in queries)
            {
                var started = Stopwatch.GetTimestamp();
                Run(search, shopId, q.Text);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        latencies.Sort();

        return new SearchEvalResult(products.Count, queries.Count,
            Mean(outcomes.Select(o => o.Ndcg10)), Mean(outcomes.Select(o => o.Recall50)), indexSeconds,
            Percentile(latencies, 50), Percentile(latencies, 99), outcomes);
    }

    private static List<string> Run(ICatalogSearch search, Guid shopId, string text) =>
        search.Search(shopId, new SearchRequest(text) { PurchasableOnly = false, Limit = Depth })
            .Select(h => h.Product.Handle.ToLowerInvariant()).ToList();

    private static async Task WriteRunAsync(TextWriter runFile, ICatalogSearch search, Guid shopId, EvalQuery query, CancellationToken cancellationToken)
    {
        var hits = search.Search(shopId, new SearchRequest(query.Text) { PurchasableOnly = false, Limit = RunFileDepth });
        for (var rank = 0; rank < hits.Count; rank++)
            await runFile.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{query.Id} Q0 {hits[rank].Product.Handle.ToLowerInvariant()} {rank + 1} {hits[rank].Score:R} cc").AsMemory(), cancellationToken);
    }

    /// <summary>A fresh shop holding the catalog, written through shop-scoped contexts like any import.</summary>
    private async Task<Guid> ImportAsync(IReadOnlyList<Product> products, CancellationToken cancellationToken)
    {
        Guid shopId;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var shop = new Shop { Domain = $"search-eval-{Guid.NewGuid():N}.myshopify.com", Name = "Search evaluation" };
            db.Shops.Add(shop);
            await db.SaveChangesAsync(cancellationToken);
            shopId = shop.Id;
        }
        foreach (var batch in products.Chunk(500))
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Products.AddRange(batch);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
        }
        return shopId;
    }

    /// <summary>Mean of the queries that have a figure (a query without positive judgements has none).</summary>
    internal static double Mean(IEnumerable<double?> values)
    {
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return present.Count == 0 ? 0 : present.Average();
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
