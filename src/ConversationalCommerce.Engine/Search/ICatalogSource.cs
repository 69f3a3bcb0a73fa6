using ConversationalCommerce.Domain.Catalog;

namespace ConversationalCommerce.Engine.Search;

/// <summary>
/// Where the search index reads the catalog from (the database, through Data). Every call is for one shop and
/// returns that shop's rows only; products come with variants, images and collections.
/// </summary>
public interface ICatalogSource
{
    /// <summary>Shops whose indexes are worth warming at start (installed ones).</summary>
    Task<IReadOnlyList<Guid>> InstalledShopsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<Product>> LoadAllProductsAsync(Guid shopId, CancellationToken cancellationToken);

    /// <summary>The products that still exist among <paramref name="productIds"/>; missing ids were deleted.</summary>
    Task<IReadOnlyList<Product>> LoadProductsAsync(Guid shopId, IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken);

    /// <summary>Units ordered per product over the recent past (see <see cref="CatalogSearchOptions.PopularityWindow"/>); absent = none.</summary>
    Task<IReadOnlyDictionary<Guid, int>> OrderCountsAsync(Guid shopId, DateTimeOffset since, CancellationToken cancellationToken);
}
