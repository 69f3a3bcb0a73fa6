using System.Security.Cryptography;
using System.Text;
using ConversationalCommerce.App.DemoStore.Families;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Shops;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace ConversationalCommerce.App.DemoStore;

/// <summary>Serves the demo catalog's product images, drawn from the product's own data.</summary>
public static class DemoAssetsApi
{
    public const string ImageRoute = "/demo-assets/products";

    public static string ImagePath(string handle, string? colorName) =>
        colorName is null ? $"{ImageRoute}/{handle}.svg" : $"{ImageRoute}/{handle}.svg?color={Uri.EscapeDataString(DemoProductGenerator.Slug(colorName))}";

    public static IEndpointRouteBuilder MapDemoAssetsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ImageRoute).WithTags("Demo store");
        api.MapGet("/{handle}.svg", GetProductImage).WithName("GetDemoProductImage")
            .WithSummary("A drawn SVG tile for a demo product; ?color= picks the variant colour.");
        return app;
    }

    internal static async Task<Results<ContentHttpResult, StatusCodeHttpResult, NotFound>> GetProductImage(
        string handle, string? color, HttpContext http, AppDbContext db, ShopScope scope, CancellationToken ct)
    {
        var shop = await db.Shops.AsNoTracking().Where(s => s.Domain == Shop.DemoDomain).Select(s => new { s.Id }).FirstOrDefaultAsync(ct);
        if (shop is null) return TypedResults.NotFound();
        scope.Set(shop.Id);
        var product = await db.Products.AsNoTracking().Where(p => p.Handle == handle)
            .Select(p => new { p.Title, p.Tags, p.Option1Name, p.Option2Name, p.Option3Name }).FirstOrDefaultAsync(ct);
        if (product is null) return TypedResults.NotFound();

        var colorName = color is null ? null : color.Replace('-', ' ');
        if (colorName is null || !DemoPalette.IsKnown(colorName))
            colorName = await FirstColorAsync(db, handle, product.Option1Name, product.Option2Name, product.Option3Name, ct);
        var category = DemoCategories.ForTags(product.Tags.Split(',', StringSplitOptions.TrimEntries));
        var svg = ProductTileSvg.Draw(product.Title, colorName, category);

        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(svg)).AsSpan(0, 8)) + "\"";
        http.Response.Headers.CacheControl = "public, max-age=86400";
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.Contains(etag)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Content(svg, "image/svg+xml; charset=utf-8");
    }

    private static async Task<string?> FirstColorAsync(AppDbContext db, string handle, string? o1, string? o2, string? o3, CancellationToken ct)
    {
        var slot = o1 == "Color" ? 1 : o2 == "Color" ? 2 : o3 == "Color" ? 3 : 0;
        if (slot == 0) return null;
        var first = await db.Products.AsNoTracking().Where(p => p.Handle == handle)
            .SelectMany(p => p.Variants).OrderBy(v => v.Position)
            .Select(v => slot == 1 ? v.Option1 : slot == 2 ? v.Option2 : v.Option3).FirstOrDefaultAsync(ct);
        return first?.ToLowerInvariant();
    }
}
