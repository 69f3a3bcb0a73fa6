using ConversationalCommerce.Engine.Search;
using ConversationalCommerce.Shopify.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ConversationalCommerce.Shopify.Tests.Support.WebhookPayloads;

namespace ConversationalCommerce.Shopify.Tests.Webhooks;

/// <summary>The seeded demo store takes signed webhooks like any installed shop.</summary>
public sealed class DemoStoreWebhookTests
{
    private const string DemoDomain = ConversationalCommerce.Domain.Shops.Shop.DemoDomain;

    [Fact]
    public async Task Demo_store_applies_a_signed_product_update_and_search_finds_it()
    {
        using var app = new WebhookApp(seedDemo: true);
        var demo = await app.FindShopAsync(DemoDomain);
        Assert.NotNull(demo);
        var product = await app.InShopAsync(demo.Id, db => db.Products.AsNoTracking().Include(p => p.Variants).OrderBy(p => p.ShopifyId).FirstAsync());
        var variant = product.Variants.OrderBy(v => v.Position).First();
        var search = app.App.Services.GetRequiredService<ICatalogSearch>();
        await search.EnsureLoadedAsync(demo.Id, CancellationToken.None);

        await app.ApplyAsync("products/update", DemoDomain, Product(product.ShopifyId, "Aurora Borealis Snow Globe", DateTimeOffset.UtcNow,
            [new Variant(variant.ShopifyId, 42m, variant.InventoryItemId ?? 1, 9, variant.Sku ?? "")], productType: product.ProductType, vendor: product.Vendor));

        Assert.Equal("Aurora Borealis Snow Globe", await app.InShopAsync(demo.Id, db => db.Products.Where(p => p.Id == product.Id).Select(p => p.Title).SingleAsync()));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!search.Search(demo.Id, new SearchRequest("aurora borealis snow globe")).Any(h => h.Product.Id == product.Id))
        {
            Assert.True(DateTime.UtcNow < deadline, "The demo store's search did not pick up the update.");
            await Task.Delay(20);
        }
    }
}
