using ConversationalCommerce.Domain.Catalog;

namespace ConversationalCommerce.Engine.Search.Index;

/// <summary>How often a term occurs in one field of one product.</summary>
public readonly record struct FieldTerm(string Term, ProductField Field, int Count);

/// <summary>One variant as the filters see it: colour and size as terms, price, availability. A struct: stored inline in its product's array.</summary>
public readonly record struct IndexedVariant(ProductVariant Variant, string[] ColorTerms, string? Size, bool Available);

/// <summary>
/// A product analysed once (terms per field, variant facts, category keys) so that rebuilding a shop's index after
/// a change re-analyses only the products that changed.
/// </summary>
public sealed class IndexedProduct
{
    public required Product Product { get; init; }
    public required FieldTerm[] Terms { get; init; }
    public required int[] FieldLengths { get; init; }
    /// <summary>Title stems in order, for phrase and proximity boosts.</summary>
    public required string[] TitleTerms { get; init; }
    /// <summary>How many title terms come before an accessory cue ("for", "compatible with"); all of them when there is none.</summary>
    public int TitleAccessoryAt { get; init; }
    /// <summary>Title stems that follow "without"/"no": what the product does not have.</summary>
    public string[] TitleNegatedTerms { get; init; } = [];
    public required IndexedVariant[] Variants { get; init; }
    /// <summary>Active and published (stock is decided per variant).</summary>
    public required bool Listed { get; init; }
    public required bool HasColorOption { get; init; }
    public required bool HasSizeOption { get; init; }
    /// <summary>Keys of the product type, collection titles and tags: what a category filter compares with.</summary>
    public required IReadOnlySet<string> CategoryKeys { get; init; }
    public required IReadOnlySet<string> TagsLower { get; init; }
    public double Popularity { get; init; }

    /// <summary>The fields whose words describe what the product is (not the vendor, collections or the sales text).</summary>
    public const byte DescriptiveFields = 1 << (int)ProductField.Title | 1 << (int)ProductField.ProductType
                                         | 1 << (int)ProductField.Tags | 1 << (int)ProductField.Options;

    public Guid Id => Product.Id;

    /// <summary>
    /// Whether a short field (title, type, tags, options) has the stem, for colour/size filters on products without
    /// such options. Read from <see cref="Terms"/> (a couple of dozen entries) rather than kept as a set of its own.
    /// </summary>
    public bool Describes(string term)
    {
        foreach (var t in Terms)
            if ((DescriptiveFields & 1 << (int)t.Field) != 0 && string.Equals(t.Term, term, StringComparison.Ordinal)) return true;
        return false;
    }

    public bool IsPurchasable => Listed && Variants.Any(v => v.Available);

    public IndexedProduct WithPopularity(double popularity) => new()
    {
        Product = Product, Terms = Terms, FieldLengths = FieldLengths, TitleTerms = TitleTerms, Variants = Variants,
        TitleAccessoryAt = TitleAccessoryAt, TitleNegatedTerms = TitleNegatedTerms,
        Listed = Listed, HasColorOption = HasColorOption, HasSizeOption = HasSizeOption, CategoryKeys = CategoryKeys,
        TagsLower = TagsLower, Popularity = popularity,
    };
}
