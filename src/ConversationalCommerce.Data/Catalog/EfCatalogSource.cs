using System.Linq.Expressions;
using System.Runtime.CompilerServices;
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
    /// <summary>Products per page of a full read: a few hundred rows per query, a page's garbage small enough for gen 0.</summary>
    private const int PageSize = 1000;

    public async Task<IReadOnlyList<Guid>> InstalledShopsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Shops.AsNoTracking().Where(s => s.InstallState == ShopInstallState.Installed)
            .Select(s => s.Id).ToListAsync(cancellationToken);
    }

    public async IAsyncEnumerable<CatalogProduct> StreamAllProductsAsync(Guid shopId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = DbFor(scope, shopId);
        // Pages keyed by Shopify id (unique per shop, indexed with the shop): each page is one range seek, and
        // its variants, images and collections are read for that same range.
        var after = long.MinValue;
        while (true)
        {
            var page = await db.Products.AsNoTracking().Where(p => p.ShopifyId > after)
                .OrderBy(p => p.ShopifyId).Take(PageSize).ToListAsync(cancellationToken);
            if (page.Count == 0) yield break;
            long first = page[0].ShopifyId, last = page[^1].ShopifyId;
            foreach (var product in await WithDetailsAsync(db, page, p => p.ShopifyId >= first && p.ShopifyId <= last, cancellationToken))
                yield return product;
            if (page.Count < PageSize) yield break;
            after = last;
        }
    }

    public async Task<IReadOnlyList<CatalogProduct>> LoadProductsAsync(Guid shopId, IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = DbFor(scope, shopId);
        var products = new List<CatalogProduct>(productIds.Count);
        foreach (var batch in productIds.Distinct().Chunk(IdBatch))
        {
            var rows = await db.Products.AsNoTracking().Where(p => batch.Contains(p.Id)).OrderBy(p => p.ShopifyId).ToListAsync(cancellationToken);
            products.AddRange(await WithDetailsAsync(db, rows, p => batch.Contains(p.Id), cancellationToken));
        }
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

    /// <summary>
    /// Attaches variants and images (in position order) to <paramref name="products"/> and finds their collection
    /// titles; <paramref name="which"/> selects the same products in the database. Untracked: nothing of the page
    /// stays in the context once it is handed over.
    /// </summary>
    private static async Task<List<CatalogProduct>> WithDetailsAsync(AppDbContext db, List<Product> products,
        Expression<Func<Product, bool>> which, CancellationToken cancellationToken)
    {
        // Joins, not "ProductId IN (subquery)": SQLite answers the IN form by scanning all the shop's variants on
        // the (ShopId, ...) index for every page, which made a full read quadratic.
        var selected = db.Products.Where(which);
        var variants = await (
            from v in db.Variants.AsNoTracking()
            join p in selected on v.ProductId equals p.Id
            orderby v.Position
            select v).ToListAsync(cancellationToken);
        var images = await (
            from i in db.ProductImages.AsNoTracking()
            join p in selected on i.ProductId equals p.Id
            orderby i.Position
            select i).ToListAsync(cancellationToken);
        var collections = await (
            from pc in db.ProductCollections
            join p in selected on pc.ProductId equals p.Id
            join c in db.Collections on pc.CollectionId equals c.Id
            select new { pc.ProductId, c.Title }).ToListAsync(cancellationToken);

        var byId = products.ToDictionary(p => p.Id);
        foreach (var v in variants)
            if (byId.TryGetValue(v.ProductId, out var p)) p.Variants.Add(v);
        foreach (var i in images)
            if (byId.TryGetValue(i.ProductId, out var p)) p.Images.Add(i);
        // The index keeps these lists for as long as it serves the shop: no spare capacity.
        foreach (var p in products) { p.Variants.TrimExcess(); p.Images.TrimExcess(); }
        var titles = collections.ToLookup(c => c.ProductId, c => c.Title);
        return products.Select(p => new CatalogProduct(p, titles[p.Id].ToArray())).ToList();
    }
}
