using ConversationalCommerce.Domain.Catalog;

namespace ConversationalCommerce.Engine.Search;

/// <summary>The per-shop in-process product index. Only purchasable products are returned unless asked otherwise.</summary>
public interface ICatalogSearch
{
    /// <summary>Loads the shop's index from the database if it is not in memory yet.</summary>
    Task EnsureLoadedAsync(Guid shopId, CancellationToken cancellationToken);

    IReadOnlyList<SearchHit> Search(Guid shopId, SearchRequest request);

    /// <summary>The words of <paramref name="text"/> no product has in any form (stem, synonym, typo): what the shop does not carry.</summary>
    IReadOnlyList<string> UnknownWords(Guid shopId, string text);

    /// <summary>
    /// True when every word of <paramref name="text"/> is one the shop's products are named or tagged with (title,
    /// type, tags, vendor, options, collections), not merely mentioned in a description: "vegan", "electronics".
    /// </summary>
    bool NamesProducts(Guid shopId, string text);

    /// <summary>
    /// The text with each misspelt word the catalog does not know replaced by the catalog's own word for it, as product
    /// titles write it ("sacrf" -> "scarf", "hedphones" -> "headphones"); other words unchanged.
    /// </summary>
    string Spelled(Guid shopId, string text);

    /// <summary>The product as last indexed (with variants and images), or null.</summary>
    Product? Get(Guid shopId, Guid productId);

    /// <summary>Words the catalog itself uses (types, vendors, option values, tags), for entity extraction.</summary>
    CatalogVocabulary Vocabulary(Guid shopId);
}

public sealed record SearchRequest(string Text)
{
    public decimal? MinPrice { get; init; }
    public decimal? MaxPrice { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<string> Colors { get; init; } = [];
    public IReadOnlyList<string> Sizes { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    public bool PurchasableOnly { get; init; } = true;
    public int Limit { get; init; } = 20;
}

/// <param name="BestVariant">The purchasable variant that fits the price, size and colour filters, if any.</param>
public sealed record SearchHit(Product Product, double Score, ProductVariant? BestVariant);

public sealed record CatalogVocabulary(
    IReadOnlySet<string> ProductTypes,
    IReadOnlySet<string> Vendors,
    IReadOnlySet<string> Colors,
    IReadOnlySet<string> Sizes,
    IReadOnlySet<string> Tags)
{
    public static readonly CatalogVocabulary Empty = new(
        new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), new HashSet<string>());
}
