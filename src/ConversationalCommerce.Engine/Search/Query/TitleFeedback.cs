using ConversationalCommerce.Engine.Search.Index;

namespace ConversationalCommerce.Engine.Search.Query;

/// <summary>
/// Pseudo-relevance feedback on titles (in the spirit of RM3, over the head only): the titles of the best-ranked
/// products say what kind of product the query is about ("audible books" → novel, thriller). The few terms that
/// carry most of that weight (by score share × term frequency × idf, query terms excluded) then lift every head
/// product whose title or type has them. Short queries gain most; it never adds or drops a product.
/// </summary>
public static class TitleFeedback
{
    private const int TitleBit = 1 << (int)ProductField.Title;
    private const int TypeBit = 1 << (int)ProductField.ProductType;

    /// <param name="head">The head, best first; scores are updated in place (the caller sorts again).</param>
    public static void Apply(ShopIndex index, QueryPlan plan, List<(int Doc, float Score)> head, RankingSettings settings)
    {
        if (head.Count < settings.FeedbackMinCandidates || settings.FeedbackTerms <= 0) return;
        var top = head[0].Score;
        if (top <= 0) return;

        var queryTerms = new HashSet<int>();
        foreach (var g in plan.Groups)
        foreach (var a in g.Alternatives) queryTerms.Add(a.TermId);
        foreach (var id in plan.ExcludedTermIds) queryTerms.Add(id);

        var weights = new Dictionary<int, float>();
        var docs = Math.Min(settings.FeedbackDocs, head.Count);
        for (var i = 0; i < docs; i++)
        {
            var (doc, score) = head[i];
            var title = index.TitleTermIds[doc];
            if (title.Length == 0) continue;
            var share = score / top / title.Length;
            foreach (var id in title)
                if (id >= 0 && !queryTerms.Contains(id))
                    weights[id] = weights.GetValueOrDefault(id) + share;
        }
        if (weights.Count == 0) return;

        var expansion = weights
            .Select(kv => (Term: kv.Key, Weight: kv.Value * index.Idf[kv.Key]))
            .OrderByDescending(t => t.Weight).ThenBy(t => t.Term)
            .Take(settings.FeedbackTerms)
            .ToArray();
        var sum = expansion.Sum(t => t.Weight);
        if (sum <= 0) return;

        for (var i = 0; i < head.Count; i++)
        {
            var (doc, score) = head[i];
            float found = 0;
            foreach (var (term, weight) in expansion)
                if ((index.FieldsOf(term, doc) & (TitleBit | TypeBit)) != 0) found += weight;
            head[i] = (doc, score * MathF.Exp(settings.FeedbackWeight * found / sum));
        }
    }
}
