using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Engine.Search.Analysis;

namespace ConversationalCommerce.Engine.Search.Index;

/// <summary>Turns a product row (with variants, images, collections) into an <see cref="IndexedProduct"/>.</summary>
public sealed class ProductAnalysis(ShopperTextAnalyzer analyzer, ShopperSynonyms synonyms)
{
    public static ProductAnalysis Instance { get; } = new(ShopperTextAnalyzer.Instance, ShopperSynonyms.Instance);

    public IndexedProduct Analyze(Product product, double popularity = 0)
    {
        var counts = new Dictionary<(string, ProductField), int>();
        var lengths = new int[FieldWeights.FieldCount];
        var descriptive = new HashSet<string>(StringComparer.Ordinal);

        var title = AddField(product.Title, ProductField.Title, counts, lengths, descriptive);
        var (accessoryAt, negated) = TitleShape(product.Title);
        AddField(product.ProductType, ProductField.ProductType, counts, lengths, descriptive);
        AddField(string.Join(" , ", product.TagList), ProductField.Tags, counts, lengths, descriptive);
        AddField(product.Vendor, ProductField.Vendor, counts, lengths, null);
        var collectionTitles = product.Collections.Select(c => c.Collection?.Title).OfType<string>().ToList();
        AddField(string.Join(" , ", collectionTitles), ProductField.Collections, counts, lengths, null);

        var optionValues = product.Variants
            .SelectMany(v => new[] { v.Option1, v.Option2, v.Option3 })
            .Where(o => !string.IsNullOrWhiteSpace(o) && !string.Equals(o, "Default Title", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase);
        AddField(string.Join(" , ", optionValues), ProductField.Options, counts, lengths, descriptive);

        var body = ShopperTextAnalyzer.PlainText(product.BodyHtml) + " " +
                   string.Join(" ", product.Images.Select(i => i.AltText).Where(a => !string.IsNullOrWhiteSpace(a)));
        AddField(body, ProductField.Body, counts, lengths, null);

        var colorSlot = OptionSlot(product, IsColorOptionName);
        var sizeSlot = OptionSlot(product, IsSizeOptionName);
        var variants = product.Variants
            .OrderBy(v => v.Position)
            .Select(v => new IndexedVariant(
                v,
                colorSlot is { } c ? analyzer.Terms(OptionValue(v, c)).ToArray() : [],
                sizeSlot is { } s ? SizeNames.Normalize(OptionValue(v, s)) : null,
                v.IsAvailable))
            .ToArray();

        var categories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var phrase in collectionTitles.Append(product.ProductType).Concat(product.TagList))
        {
            var key = analyzer.Key(phrase);
            if (key.Length > 0) categories.Add(key);
        }

        return new IndexedProduct
        {
            Product = product,
            Terms = counts.Select(kv => new FieldTerm(kv.Key.Item1, kv.Key.Item2, kv.Value)).ToArray(),
            FieldLengths = lengths,
            TitleTerms = title.ToArray(),
            TitleAccessoryAt = accessoryAt,
            TitleNegatedTerms = negated,
            Variants = variants,
            Listed = product.Status == ProductStatus.Active && product.Published,
            HasColorOption = colorSlot is not null,
            HasSizeOption = sizeSlot is not null,
            CategoryKeys = categories,
            TagsLower = product.TagList.Select(ShopperTextAnalyzer.Lower).ToHashSet(StringComparer.Ordinal),
            DescriptiveTerms = descriptive,
            Popularity = popularity,
        };
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
        foreach (var word in ShopperTextAnalyzer.Words(title))
        {
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
        int[] lengths, HashSet<string>? descriptive)
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

        void Add(string term)
        {
            counts[(term, field)] = counts.GetValueOrDefault((term, field)) + 1;
            descriptive?.Add(term);
        }
    }
}
