using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Data.Catalog;

/// <summary>
/// The search index's view of the database. Each call opens its own DI scope acting for the one shop, so the
/// shop filter of <see cref="AppDbContext"/> guarantees no other shop's rows come back. Read-only, untracked.
/// </summary>
public sealed class EfCatalogSource(IServiceScopeFactory scopes) : ICatalogSource
{
    /// <summary>Keeps each IN (...) list well under every provider's parameter limit.</summary>
    private const int IdBatch = 500;

    public async Task<IReadOnlyList<Guid>> InstalledShopsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Shops.AsNoTracking().Where(s => s.InstallState == ShopInstallState.Installed)
            .Select(s => s.Id).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Product>> LoadAllProductsAsync(Guid shopId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = DbFor(scope, shopId);
        return await WithDetails(db).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Product>> LoadProductsAsync(Guid shopId, IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = DbFor(scope, shopId);
        var products = new List<Product>(productIds.Count);
        foreach (var batch in productIds.Distinct().Chunk(IdBatch))
            products.AddRange(await WithDetails(db).Where(p => batch.Contains(p.Id)).ToListAsync(cancellationToken));
        return products;
    }

    public async Task<IReadOnlyDictionary<Guid, int>> OrderCountsAsync(Guid shopId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = DbFor(scope, shopId);
        // Order lines carry Shopify product ids; join to our rows of this shop. Cancelled orders say nothing of appeal.
        var counts = await (
            from line in db.OrderLines
            join order in db.Orders on line.OrderId equals order.Id
            join product in db.Products on line.ProductShopifyId equals product.ShopifyId
            where order.CreatedAt >= since && order.CancelledAt == null
            group line by product.Id into g
            select new { ProductId = g.Key, Units = g.Sum(l => l.Quantity) }).ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.ProductId, c => c.Units);
    }

    private static AppDbContext DbFor(AsyncServiceScope scope, Guid shopId)
    {
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        return scope.ServiceProvider.GetRequiredService<AppDbContext>();
    }

    private static IQueryable<Product> WithDetails(AppDbContext db) => db.Products.AsNoTracking()
        .Include(p => p.Variants)
        .Include(p => p.Images)
        .Include(p => p.Collections).ThenInclude(pc => pc.Collection)
        .AsSplitQuery();
}
