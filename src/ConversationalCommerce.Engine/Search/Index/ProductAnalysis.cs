using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Engine.Search.Analysis;

namespace ConversationalCommerce.Engine.Search.Index;

/// <summary>
/// Turns a product row (with variants and images) and the titles of its collections into an
/// <see cref="IndexedProduct"/>. Everything it keeps goes through the index's <see cref="SharedStrings"/>, and so do
/// the product's own repeated values: the index holds every product of a shop for as long as the shop is served.
/// </summary>
public sealed class ProductAnalysis(ShopperTextAnalyzer analyzer, ShopperSynonyms synonyms)
{
    public static ProductAnalysis Instance { get; } = new(ShopperTextAnalyzer.Instance, ShopperSynonyms.Instance);

    public IndexedProduct Analyze(Product product, IReadOnlyList<string> collectionTitles, double popularity, SharedStrings strings)
    {
        ShareRepeatedValues(product, strings);
        var counts = new Dictionary<(string, ProductField), int>();
        var lengths = new int[FieldWeights.FieldCount];
        var tags = product.TagList.ToList();

        var title = AddField(product.Title, ProductField.Title, counts, lengths);
        var (accessoryAt, negated) = TitleShape(product.Title);
        AddField(product.ProductType, ProductField.ProductType, counts, lengths);
        AddField(string.Join(" , ", tags), ProductField.Tags, counts, lengths);
        AddField(product.Vendor, ProductField.Vendor, counts, lengths);
        AddField(string.Join(" , ", collectionTitles), ProductField.Collections, counts, lengths);

        var optionValues = product.Variants
            .SelectMany(v => new[] { v.Option1, v.Option2, v.Option3 })
            .Where(o => !string.IsNullOrWhiteSpace(o) && !string.Equals(o, "Default Title", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase);
        AddField(string.Join(" , ", optionValues), ProductField.Options, counts, lengths);

        var body = ShopperTextAnalyzer.PlainText(product.BodyHtml) + " " +
                   string.Join(" ", product.Images.Select(i => i.AltText).Where(a => !string.IsNullOrWhiteSpace(a)));
        AddField(body, ProductField.Body, counts, lengths);

        var colorSlot = OptionSlot(product, IsColorOptionName);
        var sizeSlot = OptionSlot(product, IsSizeOptionName);
        var variants = product.Variants
            .OrderBy(v => v.Position)
            .Select(v => new IndexedVariant(
                v,
                colorSlot is { } c ? strings.TermList(ColorFamilies.WithFamilies(OptionValue(v, c)), analyzer.Terms) : [],
                sizeSlot is { } s ? strings.Share(SizeNames.Normalize(OptionValue(v, s))) : null,
                v.IsAvailable))
            .ToArray();

        var categories = new List<string>();
        foreach (var phrase in collectionTitles.Append(product.ProductType).Concat(tags))
        {
            var key = analyzer.Key(phrase);
            if (key.Length > 0) categories.Add(key);
        }

        var terms = new FieldTerm[counts.Count];
        var at = 0;
        foreach (var ((term, field), count) in counts) terms[at++] = new FieldTerm(strings.Share(term), field, count);
        for (var i = 0; i < title.Count; i++) title[i] = strings.Share(title[i]);

        return new IndexedProduct
        {
            Product = product,
            Terms = terms,
            FieldLengths = lengths,
            TitleTerms = title.Count == 0 ? [] : title.ToArray(),
            TitleAccessoryAt = accessoryAt,
            TitleNegatedTerms = negated.Length == 0 ? [] : Array.ConvertAll(negated, strings.Share),
            Variants = variants.Length == 0 ? [] : variants,
            Listed = product.Status == ProductStatus.Active && product.Published,
            HasColorOption = colorSlot is not null,
            HasSizeOption = sizeSlot is not null,
            CategoryKeys = strings.CommonSet(categories),
            TagsLower = strings.CommonSet(tags.Select(ShopperTextAnalyzer.Lower)),
            Popularity = popularity,
        };
    }

    /// <summary>
    /// The index keeps the product for cards and answers: its values that repeat across a catalog (vendor, type,
    /// tags, option names and values, variant titles, image alt texts) become the shared instances. Equal strings,
    /// so nothing a reader sees changes.
    /// </summary>
    private static void ShareRepeatedValues(Product p, SharedStrings strings)
    {
        p.Vendor = strings.Share(p.Vendor);
        p.ProductType = strings.Share(p.ProductType);
        p.Tags = strings.Share(p.Tags);
        p.Option1Name = strings.ShareOrNull(p.Option1Name);
        p.Option2Name = strings.ShareOrNull(p.Option2Name);
        p.Option3Name = strings.ShareOrNull(p.Option3Name);
        foreach (var v in p.Variants)
        {
            v.Title = strings.Share(v.Title);
            v.Option1 = strings.ShareOrNull(v.Option1);
            v.Option2 = strings.ShareOrNull(v.Option2);
            v.Option3 = strings.ShareOrNull(v.Option3);
        }
        foreach (var i in p.Images) i.AltText = strings.ShareOrNull(i.AltText);
    }

    /// <summary>
    /// Where in the title's terms the accessory part starts ("… Bands compatible with Fitbit …": at "fitbit"; the
    /// term count when there is none), and the terms the title says the product is without ("Drain without Overflow").
    /// </summary>
    private (int AccessoryAt, string[] Negated) TitleShape(string? title)
    {
        var terms = 0;
        var accessoryAt = -1;
        var negatedLeft = 0;
        List<string>? negated = null;
        var words = ShopperTextAnalyzer.Words(title);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (NegatedByForm(words, i) is { } without) (negated ??= []).Add(analyzer.Stem(without));
            // Counted exactly as AddField counts the title's terms, so positions line up with TitleTerms.
            if (accessoryAt < 0 && terms > 0 && ShopperCues.AccessoryConnectors.Contains(word.Text)) accessoryAt = terms;
            if (ShopperTextAnalyzer.IsStopWord(word.Text)) continue;
            if (ShopperCues.Negations.Contains(word.Text))
            {
                negatedLeft = 2;
                terms++;
                continue;
            }
            if (negatedLeft > 0)
            {
                (negated ??= []).Add(analyzer.Stem(word.Text));
                negatedLeft--;
            }
            terms++;
        }
        return (accessoryAt < 0 ? terms : accessoryAt, negated?.ToArray() ?? []);
    }

    /// <summary>
    /// The word a title says the product is without by the word's form: "Cordless" (cord), "Gelatin-Free" and
    /// "Gluten Free" (gelatin, gluten), "Non-GMO" (gmo). English morphology, so it holds for any shop. Null when none.
    /// </summary>
    private static string? NegatedByForm(List<Word> words, int i)
    {
        var w = words[i].Text;
        if (i + 1 < words.Count && words[i + 1].Text == "free" && w.Length > 2 && char.IsLetter(w[0])) return w;
        if (i > 0 && words[i - 1].Text == "non" && char.IsLetter(w[0])) return w;
        // "-less" on a noun of three letters or more; "unless", "bless" and the like are too short to qualify.
        if (w.Length >= 7 && w.EndsWith("less", StringComparison.Ordinal)) return w[..^4];
        return null;
    }

    public static bool IsColorOptionName(string? name) =>
        name is not null && (name.Contains("colo", StringComparison.OrdinalIgnoreCase) || name.Contains("shade", StringComparison.OrdinalIgnoreCase));

    public static bool IsSizeOptionName(string? name) =>
        name is not null && name.Contains("size", StringComparison.OrdinalIgnoreCase);

    private static int? OptionSlot(Product p, Func<string?, bool> isKind) =>
        isKind(p.Option1Name) ? 1 : isKind(p.Option2Name) ? 2 : isKind(p.Option3Name) ? 3 : null;

    public static string? OptionValue(ProductVariant v, int slot) => slot switch { 1 => v.Option1, 2 => v.Option2, _ => v.Option3 };

    /// <summary>
    /// Counts the field's stems, plus joined forms: hyphenated words ("t-shirt" also as "tshirt") and known
    /// multi-word synonym phrases, so "tshirt", "t shirt" and "tee" all reach the same products.
    /// </summary>
    private List<string> AddField(string? text, ProductField field, Dictionary<(string, ProductField), int> counts,
        int[] lengths)
    {
        var words = ShopperTextAnalyzer.Words(text);
        var terms = new List<string>(words.Count);
        string? previous = null;
        foreach (var word in words)
        {
            if (ShopperTextAnalyzer.IsStopWord(word.Text)) { previous = null; continue; }
            var stem = analyzer.Stem(word.Text);
            Add(stem);
            if (word.Hyphenated && previous is not null) Add(previous + stem);
            terms.Add(stem);
            previous = stem;
        }
        // Joined synonym phrases ("tank top" -> "tanktop") are extras: they do not lengthen the field.
        if (synonyms.PhraseKeys.Count > 0)
            for (var i = 0; i < terms.Count; i++)
            {
                var joined = terms[i];
                for (var n = 2; n <= ShopperSynonyms.MaxPhraseTerms && i + n <= terms.Count; n++)
                {
                    joined += terms[i + n - 1];
                    if (synonyms.PhraseKeys.Contains(joined)) Add(joined);
                }
            }
        lengths[(int)field] += terms.Count;
        return terms;

        void Add(string term) => counts[(term, field)] = counts.GetValueOrDefault((term, field)) + 1;
    }
}
