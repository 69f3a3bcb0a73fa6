using ConversationalCommerce.Domain.Catalog;

namespace ConversationalCommerce.Engine.Search;

/// <summary>
/// Where the search index reads the catalog from (the database, through Data). Every call is for one shop and
/// returns that shop's rows only; products come with variants and images, and the titles of their collections.
/// </summary>
public interface ICatalogSource
{
    /// <summary>Shops whose indexes are worth warming at start (installed ones).</summary>
    Task<IReadOnlyList<Guid>> InstalledShopsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Every product of the shop, read a page at a time: the index analyses each page as it comes, so a large
    /// catalog is never held twice (as rows being read and as the index being built).
    /// </summary>
    IAsyncEnumerable<CatalogProduct> StreamAllProductsAsync(Guid shopId, CancellationToken cancellationToken);

    /// <summary>The products that still exist among <paramref name="productIds"/>; missing ids were deleted.</summary>
    Task<IReadOnlyList<CatalogProduct>> LoadProductsAsync(Guid shopId, IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken);

    /// <summary>Units ordered per product over the recent past (see <see cref="CatalogSearchOptions.PopularityWindow"/>); absent = none.</summary>
    Task<IReadOnlyDictionary<Guid, int>> OrderCountsAsync(Guid shopId, DateTimeOffset since, CancellationToken cancellationToken);
}

/// <summary>
/// A product as the index reads it: the row with its variants and images (what <see cref="ICatalogSearch.Get"/> and
/// hits hand out), and the titles of the collections it is in (only analysed, so not attached as entities).
/// </summary>
public sealed record CatalogProduct(Product Product, IReadOnlyList<string> CollectionTitles);
