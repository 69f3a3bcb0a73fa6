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
    private readonly Dictionary<string, int> _termIds;
    private readonly string[] _terms;
    private readonly Lazy<TypoCorrector> _typos;

    public Guid ShopId { get; }
    public IReadOnlyList<IndexedProduct> Docs { get; }
    public IReadOnlyDictionary<Guid, int> DocById { get; }
    public Posting[][] Postings { get; }
    public float[] Idf { get; }
    /// <summary>Title term ids per doc, in order (-1 for none), for phrase and proximity boosts.</summary>
    public int[][] TitleTermIds { get; }
    /// <summary>Term ids of each product's vendor name (shared by the products of one vendor), for brand queries.</summary>
    public int[][] VendorTermIds { get; }
    /// <summary>Term ids of the title words each product is without ("without overflow"), for negated queries.</summary>
    public int[][] TitleNegatedTermIds { get; }
    /// <summary>log(1 + popularity) scaled to [0, 1] over the shop.</summary>
    public float[] PopularityPrior { get; }
    public CatalogVocabulary Vocabulary { get; }
    public FieldWeights Weights { get; }
    /// <summary>The strings the docs share; products analysed for the next snapshot share them too.</summary>
    public SharedStrings Strings { get; }

    public int Count => Docs.Count;

    // Plain dictionaries, not frozen ones: they are only read after construction (safe from many threads), and
    // freezing a hundred thousand terms costs seconds and a second copy while it runs, for lookups a query makes
    // a handful of.
    private ShopIndex(Guid shopId, IndexedProduct[] docs, FieldWeights weights, SharedStrings strings)
    {
        ShopId = shopId;
        Docs = docs;
        Weights = weights;
        Strings = strings;
        var byId = new Dictionary<Guid, int>(docs.Length);
        for (var i = 0; i < docs.Length; i++) byId[docs[i].Id] = i;
        DocById = byId;

        var avg = new float[FieldWeights.FieldCount];
        foreach (var d in docs)
            for (var f = 0; f < avg.Length; f++) avg[f] += d.FieldLengths[f];
        for (var f = 0; f < avg.Length; f++) avg[f] = docs.Length == 0 ? 1 : Math.Max(1, avg[f] / docs.Length);

        // Two passes so that every posting list is allocated once at its final length: the first numbers the terms
        // and counts their documents, the second fills the lists.
        _termIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var frequencies = new List<int>();
        var perDoc = new Dictionary<int, (float Tf, byte Fields)>();
        foreach (var d in docs)
        {
            perDoc.Clear();
            foreach (var t in d.Terms)
            {
                if (!_termIds.TryGetValue(t.Term, out var id))
                {
                    id = _termIds.Count;
                    _termIds.Add(t.Term, id);
                    frequencies.Add(0);
                }
                if (perDoc.TryAdd(id, default)) frequencies[id]++;
            }
        }
        _terms = new string[_termIds.Count];
        foreach (var (term, id) in _termIds) _terms[id] = term;
        Postings = new Posting[_terms.Length][];
        for (var id = 0; id < Postings.Length; id++) Postings[id] = new Posting[frequencies[id]];
        var filled = new int[_terms.Length];
        var norm = new float[FieldWeights.FieldCount];
        for (var doc = 0; doc < docs.Length; doc++)
        {
            var d = docs[doc];
            for (var f = 0; f < norm.Length; f++)
                norm[f] = weights.Weight[f] / (1 - weights.LengthNormalization[f] + weights.LengthNormalization[f] * d.FieldLengths[f] / avg[f]);
            perDoc.Clear();
            foreach (var t in d.Terms)
            {
                var id = _termIds[t.Term];
                var (tf, fields) = perDoc.GetValueOrDefault(id);
                perDoc[id] = (tf + t.Count * norm[(int)t.Field], (byte)(fields | 1 << (int)t.Field));
            }
            foreach (var (id, (tf, fields)) in perDoc)
                Postings[id][filled[id]++] = new Posting(doc, tf / (weights.K1 + tf), fields);
        }

        Idf = new float[Postings.Length];
        for (var id = 0; id < Idf.Length; id++)
            Idf[id] = (float)Math.Log(1 + (docs.Length - Postings[id].Length + 0.5) / (Postings[id].Length + 0.5));
        TitleTermIds = new int[docs.Length][];
        TitleNegatedTermIds = new int[docs.Length][];
        VendorTermIds = new int[docs.Length][];
        var vendors = new Dictionary<string, int[]>(StringComparer.Ordinal);
        for (var doc = 0; doc < docs.Length; doc++)
        {
            TitleTermIds[doc] = TermIdsOf(docs[doc].TitleTerms);
            TitleNegatedTermIds[doc] = TermIdsOf(docs[doc].TitleNegatedTerms);
            var vendor = docs[doc].Product.Vendor ?? "";
            if (!vendors.TryGetValue(vendor, out var ids))
                vendors[vendor] = ids = TermIdsOf(ShopperTextAnalyzer.Instance.Terms(vendor).ToArray());
            VendorTermIds[doc] = ids;
        }

        var maxPopularity = docs.Length == 0 ? 0 : docs.Max(d => Math.Log(1 + Math.Max(0, d.Popularity)));
        PopularityPrior = new float[docs.Length];
        for (var doc = 0; doc < docs.Length; doc++)
            PopularityPrior[doc] = maxPopularity <= 0 ? 0f : (float)(Math.Log(1 + Math.Max(0, docs[doc].Popularity)) / maxPopularity);
        Vocabulary = BuildVocabulary(docs);
        _typos = new Lazy<TypoCorrector>(() => new TypoCorrector(Postings, _terms), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <param name="strings">The strings <paramref name="docs"/> were analysed with.</param>
    public static ShopIndex Build(Guid shopId, IReadOnlyCollection<IndexedProduct> docs, SharedStrings strings, FieldWeights? weights = null) =>
        new(shopId, docs.ToArray(), weights ?? FieldWeights.Default, strings);

    public static ShopIndex Empty(Guid shopId) => Build(shopId, [], new SharedStrings());

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

    /// <summary>A new index with <paramref name="changed"/> put in (replacing same ids) and <paramref name="removed"/> taken out.</summary>
    public ShopIndex With(IReadOnlyCollection<IndexedProduct> changed, IReadOnlyCollection<Guid> removed)
    {
        var drop = new HashSet<Guid>(removed);
        foreach (var c in changed) drop.Add(c.Id);
        var docs = Docs.Where(d => !drop.Contains(d.Id)).Concat(changed).ToArray();
        return new ShopIndex(ShopId, docs, Weights, Strings);
    }

    /// <summary>The ids of <paramref name="terms"/>, in order; -1 for a term the index does not hold.</summary>
    private int[] TermIdsOf(string[] terms)
    {
        if (terms.Length == 0) return [];
        var ids = new int[terms.Length];
        for (var i = 0; i < terms.Length; i++) ids[i] = _termIds.GetValueOrDefault(terms[i], -1);
        return ids;
    }

    public int TermId(string term) => _termIds.GetValueOrDefault(term, -1);

    public int DocFrequency(int termId) => termId < 0 ? 0 : Postings[termId].Length;

    /// <summary>The term (a stem) with this id.</summary>
    public string Term(int termId) => _terms[termId];

    /// <summary>Catalog terms one edit away from <paramref name="term"/>.</summary>
    public IReadOnlyList<int> NearTerms(string term) => _typos.Value.Near(term);

    private static CatalogVocabulary BuildVocabulary(IndexedProduct[] docs)
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
