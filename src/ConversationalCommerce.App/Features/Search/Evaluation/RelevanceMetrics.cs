namespace ConversationalCommerce.App.Features.Search.Evaluation;

/// <summary>Graded relevance metrics as the data set defines them (see shared/datasets/README.md).</summary>
public static class RelevanceMetrics
{
    /// <summary>
    /// nDCG@k with gain 2^grade - 1 and log2(rank + 1) discount; unjudged results gain 0; the ideal ranking is
    /// built from every judged product of the query. Null when the query has no positive judgement.
    /// </summary>
    public static double? Ndcg(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> grades, int k = 10)
    {
        var ideal = grades.Values.Where(g => g > 0).OrderByDescending(g => g).Take(k).ToList();
        if (ideal.Count == 0) return null;
        double dcg = 0, idcg = 0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
            dcg += Gain(grades.GetValueOrDefault(ranked[i])) / Math.Log2(i + 2);
        for (var i = 0; i < ideal.Count; i++)
            idcg += Gain(ideal[i]) / Math.Log2(i + 2);
        return dcg / idcg;
    }

    /// <summary>Share of the products graded at least <paramref name="minGrade"/> found in the top k. Null when there are none.</summary>
    public static double? Recall(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> grades, int k = 50, int minGrade = 2)
    {
        var relevant = grades.Where(g => g.Value >= minGrade).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        if (relevant.Count == 0) return null;
        return ranked.Take(k).Count(relevant.Contains) / (double)relevant.Count;
    }

    private static double Gain(int grade) => Math.Pow(2, grade) - 1;
}
