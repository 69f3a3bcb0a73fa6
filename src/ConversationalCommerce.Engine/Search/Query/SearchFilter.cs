using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Engine.Search.Analysis;
using ConversationalCommerce.Engine.Search.Index;

namespace ConversationalCommerce.Engine.Search.Query;

/// <summary>
/// The request's hard constraints, prepared once per query: which products qualify and which of their variants
/// fit. Price, colour and size are judged per variant: a product is in budget only if a variant that can be
/// bought is, and a sold-out blue one does not make a product "available in blue".
/// </summary>
public sealed class SearchFilter
{
    private readonly SearchRequest _request;
    private readonly string[] _categoryKeys;
    private readonly string[] _tags;
    private readonly string[][] _colors;
    private readonly string[] _sizes;

    public SearchFilter(SearchRequest request, ShopperTextAnalyzer analyzer, ShopperSynonyms synonyms)
    {
        _request = request;
        _categoryKeys = request.Categories.Select(analyzer.Key).Where(k => k.Length > 0)
            .SelectMany(k => synonyms.SynonymsOf(k).Prepend(k)).Distinct().ToArray();
        _tags = request.Tags.Select(ShopperTextAnalyzer.Lower).Where(t => t.Length > 0).ToArray();
        _colors = request.Colors.Select(c => analyzer.Terms(c).ToArray()).Where(t => t.Length > 0).ToArray();
        _sizes = request.Sizes.Select(SizeNames.Normalize).Where(s => s.Length > 0).ToArray();
    }

    public bool IsEmpty => _categoryKeys.Length == 0 && _tags.Length == 0 && _colors.Length == 0 && _sizes.Length == 0
                           && _request.MinPrice is null && _request.MaxPrice is null && !_request.PurchasableOnly;

    /// <summary>Whether the product qualifies; if so, the variants that fit (best first is decided later).</summary>
    public bool Accepts(IndexedProduct doc)
    {
        if (_request.PurchasableOnly && !doc.Listed) return false;
        if (_categoryKeys.Length > 0 && !MatchesCategory(doc)) return false;
        if (_tags.Length > 0 && !_tags.Any(doc.TagsLower.Contains)) return false;
        if (_colors.Length > 0 && !doc.HasColorOption && !_colors.Any(c => c.All(doc.Describes))) return false;
        if (_sizes.Length > 0 && !doc.HasSizeOption && !_sizes.Any(doc.Describes)) return false;
        if (doc.Variants.Length == 0) return !_request.PurchasableOnly && _request.MinPrice is null && _request.MaxPrice is null;
        foreach (var v in doc.Variants)
            if (Fits(doc, v)) return true;
        return false;
    }

    public bool Fits(IndexedProduct doc, IndexedVariant v)
    {
        if (_request.PurchasableOnly && !v.Available) return false;
        var price = v.Variant.Price;
        if (_request.MinPrice is { } min && price < min) return false;
        if (_request.MaxPrice is { } max && price > max) return false;
        if (_colors.Length > 0 && doc.HasColorOption && !_colors.Any(c => c.All(v.ColorTerms.Contains))) return false;
        if (_sizes.Length > 0 && doc.HasSizeOption && (v.Size is null || !_sizes.Contains(v.Size))) return false;
        return true;
    }

    /// <summary>
    /// The purchasable variant that fits the filters, preferring the one whose option values share most words with
    /// the text ("navy hoodie" picks "Navy Blue") and then the merchant's order. Null when no fitting variant can be bought.
    /// </summary>
    public ProductVariant? BestVariant(IndexedProduct doc, IReadOnlySet<string> queryTerms, ShopperTextAnalyzer analyzer)
    {
        ProductVariant? best = null;
        var bestMentions = -1;
        foreach (var v in doc.Variants)
        {
            if (!v.Available || !Fits(doc, v)) continue;
            var mentions = queryTerms.Count == 0 ? 0 : Mentions(v.Variant, queryTerms, analyzer);
            if (mentions > bestMentions)
            {
                best = v.Variant;
                bestMentions = mentions;
            }
        }
        return best;
    }

    private static int Mentions(ProductVariant v, IReadOnlySet<string> queryTerms, ShopperTextAnalyzer analyzer)
    {
        var count = 0;
        foreach (var option in new[] { v.Option1, v.Option2, v.Option3 })
        {
            if (string.IsNullOrEmpty(option)) continue;
            foreach (var term in analyzer.Terms(option))
                if (queryTerms.Contains(term)) count++;
        }
        return count;
    }

    /// <summary>Type, collection or tag equal to the category; or a one-word category in the title ("mug" for a "Ceramic Mug" typed "Drinkware").</summary>
    private bool MatchesCategory(IndexedProduct doc)
    {
        foreach (var key in _categoryKeys)
        {
            if (doc.CategoryKeys.Contains(key)) return true;
            if (Array.IndexOf(doc.TitleTerms, key) >= 0) return true;
        }
        return false;
    }
}
