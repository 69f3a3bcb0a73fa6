using System.Buffers;
using ConversationalCommerce.Engine.Search.Analysis;
using ConversationalCommerce.Engine.Search.Index;

namespace ConversationalCommerce.Engine.Search.Query;

/// <summary>Ranking knobs; each is explained where it is used.</summary>
public sealed record RankingSettings
{
    public static readonly RankingSettings Default = new();

    /// <summary>Share of the query's weight a product covers is raised to this power and multiplies the score.</summary>
    public float CoverageExponent { get; init; } = 1.5f;
    /// <summary>Bonus when consecutive query concepts stand next to each other in the title.</summary>
    public float ProximityBoost { get; init; } = 0.15f;
    /// <summary>Small multiplicative prior from order counts.</summary>
    public float PopularityBoost { get; init; } = 0.05f;
    /// <summary>How many top products get the (costlier) second-stage rerank.</summary>
    public int RerankDepth { get; init; } = 100;
    /// <summary>Title feedback (<see cref="TitleFeedback"/>): how many of the best products it reads.</summary>
    public int FeedbackDocs { get; init; } = 20;
    /// <summary>How many feedback terms lift the head.</summary>
    public int FeedbackTerms { get; init; } = 5;
    /// <summary>A product with every feedback term gets exp(this) times its score.</summary>
    public float FeedbackWeight { get; init; } = 0.8f;
    /// <summary>Below this many candidates the best ones are most of the list: feedback would only echo it.</summary>
    public int FeedbackMinCandidates { get; init; } = 40;
    /// <summary>Weights of the second-stage evidence (see <see cref="HeadReranker"/>).</summary>
    public RerankWeights Rerank { get; init; } = RerankWeights.Default;
}

/// <summary>
/// Scores a query against one <see cref="ShopIndex"/> snapshot: BM25F per query concept (best alternative),
/// weighted coverage of the query, hard filters, then a second-stage rerank of the head (<see cref="HeadReranker"/>).
/// </summary>
public sealed class ShopIndexSearcher(QueryPlanner planner, ShopperTextAnalyzer analyzer, ShopperSynonyms synonyms, RankingSettings settings)
{
    public static ShopIndexSearcher Default { get; } =
        new(QueryPlanner.Instance, ShopperTextAnalyzer.Instance, ShopperSynonyms.Instance, RankingSettings.Default);

    public IReadOnlyList<string> UnknownWords(ShopIndex index, string text) => planner.Plan(index, text).Unmatched;

    /// <summary>See <see cref="ICatalogSearch.Spelled"/>: a word is replaced only where the query plan would correct it.</summary>
    public string Spelled(ShopIndex index, string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var changed = false;
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i].ToLowerInvariant();
            if (!QueryPlanner.MayBeTypo(index, analyzer, word)) continue;
            var near = index.NearTerms(analyzer.Stem(word)).Concat(index.NearTerms(word))
                .OrderByDescending(index.DocFrequency).FirstOrDefault(-1);
            if (near < 0 || TitleWordFor(index, index.Term(near)) is not { } shown) continue;
            words[i] = shown;
            changed = true;
        }
        return changed ? string.Join(' ', words) : text;
    }

    /// <summary>How a product title writes the word with this stem ("headphones" for "headphon"), or null.</summary>
    private string? TitleWordFor(ShopIndex index, string term)
    {
        var id = index.TermId(term);
        if (id < 0) return null;
        foreach (var posting in index.Postings[id].Take(20))
            foreach (var w in ShopperTextAnalyzer.Words(index.Docs[posting.Doc].Product.Title))
                if (analyzer.Stem(w.Text) == term) return w.Text;
        return null;
    }

    /// <summary>Every concept of the text has a catalog term found outside descriptions (see <see cref="ICatalogSearch.NamesProducts"/>).</summary>
    public bool NamesProducts(ShopIndex index, string text)
    {
        var plan = planner.Plan(index, text);
        const byte body = 1 << (int)ProductField.Body;
        return plan.Unmatched.Count == 0 && plan.Groups.Count > 0 && plan.Groups.All(g =>
            g.Alternatives.Any(a => index.Postings[a.TermId].Any(p => (p.Fields & ~body) != 0)));
    }

    public IReadOnlyList<SearchHit> Search(ShopIndex index, SearchRequest request)
    {
        var limit = Math.Max(0, request.Limit);
        if (limit == 0 || index.Count == 0) return [];
        var filter = new SearchFilter(request, analyzer, synonyms);
        var plan = planner.Plan(index, request.Text);
        var groups = plan.Groups;
        var queryTerms = analyzer.Terms(request.Text).ToHashSet(StringComparer.Ordinal);

        List<(int Doc, float Score)> ranked;
        if (groups.Count == 0)
        {
            // Typed words that match nothing return nothing; no words at all is browsing by the filters.
            if (analyzer.Terms(request.Text).Count > 0) return [];
            ranked = Browse(index, filter);
        }
        else
        {
            ranked = Score(index, groups, filter);
        }

        var head = TopK(ranked, Math.Max(limit, settings.RerankDepth));
        if (groups.Count > 0)
        {
            Rerank(index, plan, head);
            head.Sort(ByScoreThenPopularity(index));
            TitleFeedback.Apply(index, plan, head, settings);
        }
        head.Sort(ByScoreThenPopularity(index));

        var hits = new List<SearchHit>(Math.Min(limit, head.Count));
        foreach (var (doc, score) in head)
        {
            if (hits.Count == limit) break;
            var d = index.Docs[doc];
            hits.Add(new SearchHit(d.Product, score, filter.BestVariant(d, queryTerms, analyzer)));
        }
        return hits;
    }

    private static List<(int, float)> Browse(ShopIndex index, SearchFilter filter)
    {
        var all = new List<(int, float)>();
        for (var i = 0; i < index.Count; i++)
            if (filter.Accepts(index.Docs[i])) all.Add((i, index.PopularityPrior[i]));
        return all;
    }

    private List<(int, float)> Score(ShopIndex index, IReadOnlyList<QueryGroup> groups, SearchFilter filter)
    {
        var n = index.Count;
        var total = ArrayPool<float>.Shared.Rent(n);
        var covered = ArrayPool<float>.Shared.Rent(n);
        var best = ArrayPool<float>.Shared.Rent(n);
        Array.Clear(total, 0, n);
        Array.Clear(covered, 0, n);
        Array.Clear(best, 0, n);
        var touched = new List<int>(256);
        var groupTouched = new List<int>(256);
        try
        {
            float queryWeight = 0;
            foreach (var g in groups)
            {
                queryWeight += g.Idf;
                groupTouched.Clear();
                foreach (var alt in g.Alternatives)
                {
                    var w = index.Idf[alt.TermId] * alt.Weight;
                    foreach (var p in index.Postings[alt.TermId])
                    {
                        var v = w * p.Saturation;
                        if (best[p.Doc] == 0) groupTouched.Add(p.Doc);
                        if (v > best[p.Doc]) best[p.Doc] = v;
                    }
                }
                foreach (var doc in groupTouched)
                {
                    if (covered[doc] == 0) touched.Add(doc);
                    total[doc] += best[doc];
                    covered[doc] += g.Idf;
                    best[doc] = 0;
                }
            }

            var result = new List<(int, float)>(touched.Count);
            foreach (var doc in touched)
            {
                if (!filter.Accepts(index.Docs[doc])) continue;
                // A product that matches most of what was asked beats one that matches one word very well:
                // shoppers type the few words that matter, so each missing concept is strong negative evidence.
                var coverage = Math.Min(1f, covered[doc] / queryWeight);
                var score = total[doc] * MathF.Pow(coverage, settings.CoverageExponent);
                result.Add((doc, score));
            }
            return result;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(total);
            ArrayPool<float>.Shared.Return(covered);
            ArrayPool<float>.Shared.Return(best);
        }
    }

    /// <summary>
    /// Words the shopper typed together ("running shoes") mean more when the title has them together too; the
    /// second-stage evidence says whether the product is the thing asked for; and a popular product is a slightly
    /// safer suggestion than an equally relevant one nobody bought.
    /// </summary>
    private void Rerank(ShopIndex index, QueryPlan plan, List<(int Doc, float Score)> head)
    {
        var groups = plan.Groups;
        var pairs = groups.Count - 1;
        var reranker = new HeadReranker(index, plan, settings.Rerank);
        for (var i = 0; i < head.Count; i++)
        {
            var (doc, score) = head[i];
            if (pairs > 0)
            {
                var title = index.TitleTermIds[doc];
                var near = 0;
                for (var g = 0; g < pairs; g++)
                    if (Adjacent(title, groups[g], groups[g + 1])) near++;
                score *= 1 + settings.ProximityBoost * near / pairs;
            }
            score *= reranker.Factor(doc);
            score *= 1 + settings.PopularityBoost * index.PopularityPrior[doc];
            head[i] = (doc, score);
        }
    }

    /// <summary>A term of <paramref name="first"/> followed within two positions by a term of <paramref name="second"/>.</summary>
    private static bool Adjacent(int[] title, QueryGroup first, QueryGroup second)
    {
        for (var p = 0; p < title.Length; p++)
        {
            if (!Has(first, title[p])) continue;
            for (var q = p + 1; q <= p + 2 && q < title.Length; q++)
                if (Has(second, title[q])) return true;
        }
        return false;

        static bool Has(QueryGroup g, int termId)
        {
            foreach (var a in g.Alternatives)
                if (a.TermId == termId) return true;
            return false;
        }
    }

    private static List<(int Doc, float Score)> TopK(List<(int Doc, float Score)> all, int k)
    {
        if (all.Count <= k) return all;
        var heap = new PriorityQueue<(int, float), float>(k + 1);
        foreach (var item in all)
        {
            if (heap.Count < k) heap.Enqueue(item, item.Score);
            else if (item.Score > heap.Peek().Item2) heap.EnqueueDequeue(item, item.Score);
        }
        var top = new List<(int, float)>(heap.Count);
        while (heap.Count > 0) top.Add(heap.Dequeue());
        return top;
    }

    /// <summary>Score first; ties go to the more popular product, then the merchant's title order, so results are stable.</summary>
    private static Comparison<(int Doc, float Score)> ByScoreThenPopularity(ShopIndex index) => (a, b) =>
    {
        var c = b.Score.CompareTo(a.Score);
        if (c != 0) return c;
        c = index.PopularityPrior[b.Doc].CompareTo(index.PopularityPrior[a.Doc]);
        if (c != 0) return c;
        c = string.Compare(index.Docs[a.Doc].Product.Title, index.Docs[b.Doc].Product.Title, StringComparison.OrdinalIgnoreCase);
        return c != 0 ? c : a.Doc.CompareTo(b.Doc);
    };
}
