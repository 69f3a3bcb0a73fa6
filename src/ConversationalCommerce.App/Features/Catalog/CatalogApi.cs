using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Shops;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.App.Features.Catalog;

/// <summary>Read-only catalog for a shop, as the assistant sees it.</summary>
public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/shops/{shop}/products").WithTags("Catalog");
        api.MapGet("/", ListProducts).WithName("ListProducts").WithSummary("Products of a shop, paged.");
        api.MapGet("/{handle}", GetProduct).WithName("GetProduct").WithSummary("One product with variants and images.");
        return app;
    }

    public sealed record ProductSummary(Guid Id, long ShopifyId, string Handle, string Title, string Vendor, string ProductType,
        decimal MinPrice, decimal MaxPrice, bool Available, string Status);

    public sealed record ProductPage(int Total, int Offset, int Limit, IReadOnlyList<ProductSummary> Items);

    internal static async Task<Results<Ok<ProductPage>, NotFound<string>>> ListProducts(
        string shop, AppDbContext db, ShopScope scope, int offset = 0, int limit = 50, CancellationToken ct = default)
    {
        var shopRow = await FindShop(db, shop, ct);
        if (shopRow is null) return TypedResults.NotFound($"Unknown shop {shop}");
        scope.Set(shopRow.Id);
        limit = Math.Clamp(limit, 1, 250);
        offset = Math.Max(0, offset);
        var total = await db.Products.CountAsync(ct);
        var products = await db.Products.AsNoTracking().Include(p => p.Variants)
            .OrderBy(p => p.Title).ThenBy(p => p.Id).Skip(offset).Take(limit).ToListAsync(ct);
        var items = products.Select(p => new ProductSummary(p.Id, p.ShopifyId, p.Handle, p.Title, p.Vendor, p.ProductType,
            p.Variants.Count == 0 ? 0 : p.Variants.Min(v => v.Price), p.Variants.Count == 0 ? 0 : p.Variants.Max(v => v.Price),
            p.IsPurchasable, p.Status.ToString())).ToList();
        return TypedResults.Ok(new ProductPage(total, offset, limit, items));
    }

    internal static async Task<Results<Ok<Domain.Catalog.Product>, NotFound<string>>> GetProduct(
        string shop, string handle, AppDbContext db, ShopScope scope, CancellationToken ct)
    {
        var shopRow = await FindShop(db, shop, ct);
        if (shopRow is null) return TypedResults.NotFound($"Unknown shop {shop}");
        scope.Set(shopRow.Id);
        var product = await db.Products.AsNoTracking().Include(p => p.Variants).Include(p => p.Images)
            .FirstOrDefaultAsync(p => p.Handle == handle, ct);
        return product is null ? TypedResults.NotFound($"Unknown product {handle}") : TypedResults.Ok(product);
    }

    private static Task<Shop?> FindShop(AppDbContext db, string domain, CancellationToken ct) =>
        db.Shops.AsNoTracking().FirstOrDefaultAsync(s => s.Domain == domain.ToLowerInvariant() && s.InstallState == ShopInstallState.Installed, ct);
}
