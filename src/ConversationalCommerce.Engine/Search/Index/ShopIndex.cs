using System.Collections.Frozen;
using ConversationalCommerce.Engine.Search.Analysis;

namespace ConversationalCommerce.Engine.Search.Index;

/// <summary>One product's weight for one term: BM25F saturation of the field-weighted frequency (idf applied at query time).</summary>
public readonly record struct Posting(int Doc, float Saturation, byte Fields);

/// <summary>
/// An immutable BM25F index of one shop's products. Updates build a new instance and swap it in, so a search
/// in flight keeps reading the snapshot it started with and never waits for an update.
/// </summary>
public sealed class ShopIndex
{
    private readonly FrozenDictionary<string, int> _termIds;
    private readonly Lazy<TypoCorrector> _typos;

    public Guid ShopId { get; }
    public IReadOnlyList<IndexedProduct> Docs { get; }
    public FrozenDictionary<Guid, int> DocById { get; }
    public Posting[][] Postings { get; }
    public float[] Idf { get; }
    /// <summary>Title term ids per doc, in order (-1 for none), for phrase and proximity boosts.</summary>
    public int[][] TitleTermIds { get; }
    /// <summary>Term ids of the title words each product is without ("without overflow"), for negated queries.</summary>
    public int[][] TitleNegatedTermIds { get; }
    /// <summary>log(1 + popularity) scaled to [0, 1] over the shop.</summary>
    public float[] PopularityPrior { get; }
    public CatalogVocabulary Vocabulary { get; }
    public FieldWeights Weights { get; }

    public int Count => Docs.Count;

    private ShopIndex(Guid shopId, IReadOnlyList<IndexedProduct> docs, FieldWeights weights)
    {
        ShopId = shopId;
        Docs = docs;
        Weights = weights;
        DocById = docs.Select((d, i) => (d.Id, i)).ToFrozenDictionary(x => x.Id, x => x.i);

        var avg = new float[FieldWeights.FieldCount];
        foreach (var d in docs)
            for (var f = 0; f < avg.Length; f++) avg[f] += d.FieldLengths[f];
        for (var f = 0; f < avg.Length; f++) avg[f] = docs.Count == 0 ? 1 : Math.Max(1, avg[f] / docs.Count);

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var lists = new List<List<Posting>>();
        var perDoc = new Dictionary<int, (float Tf, byte Fields)>();
        var norm = new float[FieldWeights.FieldCount];
        for (var doc = 0; doc < docs.Count; doc++)
        {
            var d = docs[doc];
            for (var f = 0; f < norm.Length; f++)
                norm[f] = weights.Weight[f] / (1 - weights.LengthNormalization[f] + weights.LengthNormalization[f] * d.FieldLengths[f] / avg[f]);
            perDoc.Clear();
            foreach (var t in d.Terms)
            {
                if (!ids.TryGetValue(t.Term, out var id))
                {
                    id = ids.Count;
                    ids.Add(t.Term, id);
                    lists.Add([]);
                }
                var (tf, fields) = perDoc.GetValueOrDefault(id);
                perDoc[id] = (tf + t.Count * norm[(int)t.Field], (byte)(fields | 1 << (int)t.Field));
            }
            foreach (var (id, (tf, fields)) in perDoc)
                lists[id].Add(new Posting(doc, tf / (weights.K1 + tf), fields));
        }

        _termIds = ids.ToFrozenDictionary(StringComparer.Ordinal);
        Postings = lists.Select(l => l.ToArray()).ToArray();
        Idf = Postings.Select(p => (float)Math.Log(1 + (docs.Count - p.Length + 0.5) / (p.Length + 0.5))).ToArray();
        TitleTermIds = docs.Select(d => d.TitleTerms.Select(t => ids.GetValueOrDefault(t, -1)).ToArray()).ToArray();
        TitleNegatedTermIds = docs.Select(d => d.TitleNegatedTerms.Select(t => ids.GetValueOrDefault(t, -1)).ToArray()).ToArray();

        var maxPopularity = docs.Count == 0 ? 0 : docs.Max(d => Math.Log(1 + Math.Max(0, d.Popularity)));
        PopularityPrior = docs.Select(d => maxPopularity <= 0 ? 0f : (float)(Math.Log(1 + Math.Max(0, d.Popularity)) / maxPopularity)).ToArray();
        Vocabulary = BuildVocabulary(docs);
        _typos = new Lazy<TypoCorrector>(() => new TypoCorrector(Postings, ids), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public static ShopIndex Build(Guid shopId, IReadOnlyList<IndexedProduct> docs, FieldWeights? weights = null) =>
        new(shopId, docs, weights ?? FieldWeights.Default);

    public static ShopIndex Empty(Guid shopId) => Build(shopId, []);

    /// <summary>A new index with <paramref name="changed"/> put in (replacing same ids) and <paramref name="removed"/> taken out.</summary>
    public ShopIndex With(IReadOnlyCollection<IndexedProduct> changed, IReadOnlyCollection<Guid> removed)
    {
        var drop = new HashSet<Guid>(removed);
        foreach (var c in changed) drop.Add(c.Id);
        var docs = Docs.Where(d => !drop.Contains(d.Id)).Concat(changed).ToList();
        return new ShopIndex(ShopId, docs, Weights);
    }

    public int TermId(string term) => _termIds.GetValueOrDefault(term, -1);

    public int DocFrequency(int termId) => termId < 0 ? 0 : Postings[termId].Length;

    /// <summary>The fields (bits of <see cref="ProductField"/>) in which <paramref name="doc"/> has the term; 0 for none.</summary>
    public int FieldsOf(int termId, int doc)
    {
        // Postings are in doc order (the index is built doc by doc), so a binary search finds the doc.
        var postings = Postings[termId];
        int lo = 0, hi = postings.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var d = postings[mid].Doc;
            if (d == doc) return postings[mid].Fields;
            if (d < doc) lo = mid + 1;
            else hi = mid - 1;
        }
        return 0;
    }

    /// <summary>Catalog terms one edit away from <paramref name="term"/>.</summary>
    public IReadOnlyList<int> NearTerms(string term) => _typos.Value.Near(term);

    private static CatalogVocabulary BuildVocabulary(IReadOnlyList<IndexedProduct> docs)
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        var vendors = new HashSet<string>(StringComparer.Ordinal);
        var colors = new HashSet<string>(StringComparer.Ordinal);
        var sizes = new HashSet<string>(StringComparer.Ordinal);
        var tags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in docs)
        {
            var p = d.Product;
            AddLower(types, p.ProductType);
            AddLower(vendors, p.Vendor);
            foreach (var t in d.TagsLower) if (t.Length > 0) tags.Add(t);
            foreach (var v in p.Variants)
            foreach (var slot in new[] { 1, 2, 3 })
            {
                var name = slot switch { 1 => p.Option1Name, 2 => p.Option2Name, _ => p.Option3Name };
                var value = ProductAnalysis.OptionValue(v, slot);
                if (ProductAnalysis.IsColorOptionName(name)) AddLower(colors, value);
                else if (ProductAnalysis.IsSizeOptionName(name)) AddLower(sizes, value);
            }
        }
        return new CatalogVocabulary(types, vendors, colors, sizes, tags);

        static void AddLower(HashSet<string> set, string? value)
        {
            var v = ShopperTextAnalyzer.Lower(value);
            if (v.Length > 0) set.Add(v);
        }
    }
}
