using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Domain.Sync;
using ConversationalCommerce.Engine.Search;
using ConversationalCommerce.Shopify.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ConversationalCommerce.Shopify.Tests.Support.WebhookPayloads;

namespace ConversationalCommerce.Shopify.Tests.Webhooks;

/// <summary>Products, inventory and collections applied from webhooks: idempotent, in order, visible in search.</summary>
public sealed class CatalogWebhookTests : IDisposable
{
    private const string Domain = "catalog-test.myshopify.com";
    private const long ProductId = 632910392;
    private const long VariantSmall = 808950810;
    private const long VariantLarge = 49148385;
    private const long ItemSmall = 39072856;
    private const long ItemLarge = 457924702;
    private const long Warehouse = 487838322;
    private const long Store = 905684977;
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private readonly WebhookApp _app = new();

    public void Dispose() => _app.Dispose();

    private static string Mug(DateTimeOffset updatedAt, string title = "Stoneware Mug", decimal price = 18m, int small = 5, int large = 2) =>
        Product(ProductId, title, updatedAt,
        [
            new Variant(VariantSmall, price, ItemSmall, small, "MUG-S", "Small", CompareAtPrice: 24m),
            new Variant(VariantLarge, price + 4m, ItemLarge, large, "MUG-L", "Large"),
        ]);

    private Task<Product?> LoadProductAsync(Guid shopId) => _app.InShopAsync(shopId, db =>
        db.Products.AsNoTracking().Include(p => p.Variants).Include(p => p.Images).FirstOrDefaultAsync(p => p.ShopifyId == ProductId));

    [Fact]
    public async Task Product_create_stores_the_product_with_variants_images_and_options()
    {
        var shop = await _app.AddShopAsync(Domain);

        await _app.ApplyAsync("products/create", Domain, Mug(T0));

        var product = await LoadProductAsync(shop.Id);
        Assert.NotNull(product);
        Assert.Equal("Stoneware Mug", product.Title);
        Assert.Equal("stoneware-mug", product.Handle);
        Assert.Equal("Mugs", product.ProductType);
        Assert.Equal("Acme Ceramics", product.Vendor);
        Assert.Equal(ProductStatus.Active, product.Status);
        Assert.True(product.Published);
        Assert.Equal("Size", product.Option1Name);
        Assert.Equal(T0, product.UpdatedAt);
        var small = product.Variants.Single(v => v.ShopifyId == VariantSmall);
        Assert.Equal(18m, small.Price);
        Assert.Equal(24m, small.CompareAtPrice);
        Assert.Equal("MUG-S", small.Sku);
        Assert.Equal("Small", small.Option1);
        Assert.Equal(ItemSmall, small.InventoryItemId);
        Assert.Equal(5, small.InventoryQuantity);
        Assert.Equal(22m, product.Variants.Single(v => v.ShopifyId == VariantLarge).Price);
        Assert.Single(product.Images);
    }

    [Fact]
    public async Task Older_product_update_does_not_overwrite_newer_data()
    {
        var shop = await _app.AddShopAsync(Domain);

        await _app.ApplyAsync("products/update", Domain, Mug(T0.AddMinutes(10), "Stoneware Mug, speckled", price: 21m));
        await _app.ApplyAsync("products/update", Domain, Mug(T0.AddMinutes(5), "Stoneware Mug (old title)", price: 15m));

        var product = await LoadProductAsync(shop.Id);
        Assert.Equal("Stoneware Mug, speckled", product!.Title);
        Assert.Equal(21m, product.Variants.Single(v => v.ShopifyId == VariantSmall).Price);
        Assert.Equal(T0.AddMinutes(10), product.UpdatedAt);
    }

    [Fact]
    public async Task Update_arriving_after_the_delete_does_not_bring_the_product_back()
    {
        var shop = await _app.AddShopAsync(Domain);
        await _app.ApplyAsync("products/create", Domain, Mug(T0));

        await _app.ApplyAsync("products/delete", Domain, Deleted(ProductId), triggeredAt: T0.AddMinutes(2));
        await _app.ApplyAsync("products/update", Domain, Mug(T0.AddMinutes(1), "Stoneware Mug, late"));

        Assert.Null(await LoadProductAsync(shop.Id));
        Assert.Equal(0, await _app.InShopAsync(shop.Id, db => db.Variants.CountAsync()));
        var tombstone = await _app.InShopAsync(shop.Id, db => db.Set<ShopifyTombstone>().SingleAsync());
        Assert.Equal((ShopifyResourceType.Product, ProductId), (tombstone.ResourceType, tombstone.ShopifyId));
    }

    [Fact]
    public async Task Product_update_becomes_visible_to_catalog_search()
    {
        var shop = await _app.AddShopAsync(Domain);
        await _app.ApplyAsync("products/create", Domain, Mug(T0));
        var search = _app.App.Services.GetRequiredService<ICatalogSearch>();
        await search.EnsureLoadedAsync(shop.Id, CancellationToken.None);
        Assert.Empty(search.Search(shop.Id, new SearchRequest("copper lantern")));

        await _app.ApplyAsync("products/update", Domain, Mug(T0.AddMinutes(1), "Copper Lantern", price: 39m));

        // Visible means the updated product answers the query. While the index catches up there may be no hit, but
        // never the pre-update product: the index must not mix old facts with new words.
        var hit = await EventuallyAsync(() =>
        {
            var hits = search.Search(shop.Id, new SearchRequest("copper lantern"));
            Assert.All(hits, h => Assert.Equal("Copper Lantern", h.Product.Title));
            return hits.FirstOrDefault();
        });
        Assert.Equal(ProductId, hit.Product.ShopifyId);
        Assert.Equal("Copper Lantern", hit.Product.Title);
        Assert.Equal(39m, hit.BestVariant!.Price);
    }

    [Fact]
    public async Task Inventory_levels_change_availability_and_search_results()
    {
        var shop = await _app.AddShopAsync(Domain);
        await _app.ApplyAsync("products/create", Domain, Mug(T0, small: 0, large: 0));
        var search = _app.App.Services.GetRequiredService<ICatalogSearch>();
        await search.EnsureLoadedAsync(shop.Id, CancellationToken.None);
        Assert.Empty(search.Search(shop.Id, new SearchRequest("stoneware mug")));

        // Stock arrives at two locations: the variant holds the sum, and the product becomes findable.
        await _app.ApplyAsync("inventory_levels/connect", Domain, InventoryLevel(ItemSmall, Warehouse, 4, T0.AddMinutes(1)));
        await _app.ApplyAsync("inventory_levels/update", Domain, InventoryLevel(ItemSmall, Store, 3, T0.AddMinutes(2)));
        Assert.Equal(7, await SmallQuantityAsync(shop.Id));
        var hit = await EventuallyAsync(() => search.Search(shop.Id, new SearchRequest("stoneware mug")).FirstOrDefault());
        Assert.Equal(VariantSmall, hit.BestVariant!.ShopifyId);

        // An older level for the store is ignored; a product update's stale inventory_quantity does not beat the levels.
        await _app.ApplyAsync("inventory_levels/update", Domain, InventoryLevel(ItemSmall, Store, 50, T0.AddMinutes(1)));
        await _app.ApplyAsync("products/update", Domain, Mug(T0.AddMinutes(3), small: 0, large: 0));
        Assert.Equal(7, await SmallQuantityAsync(shop.Id));

        // Sold out everywhere: gone from search.
        await _app.ApplyAsync("inventory_levels/update", Domain, InventoryLevel(ItemSmall, Warehouse, 0, T0.AddMinutes(4)));
        await _app.ApplyAsync("inventory_levels/disconnect", Domain, InventoryDisconnect(ItemSmall, Store), triggeredAt: T0.AddMinutes(5));
        Assert.Equal(0, await SmallQuantityAsync(shop.Id));
        Assert.Equal(1, await _app.InShopAsync(shop.Id, db => db.InventoryLevels.CountAsync()));
        await EventuallyAsync(() => search.Search(shop.Id, new SearchRequest("stoneware mug")).Count == 0 ? "gone" : null);
    }

    [Fact]
    public async Task Untracked_inventory_item_is_sellable_without_stock()
    {
        var shop = await _app.AddShopAsync(Domain);
        await _app.ApplyAsync("products/create", Domain, Mug(T0, small: 0, large: 0));

        await _app.ApplyAsync("inventory_items/update", Domain, InventoryItem(ItemSmall, "MUG-S-2", tracked: false, T0.AddMinutes(1)));
        await _app.ApplyAsync("inventory_items/update", Domain, InventoryItem(ItemSmall, "MUG-S-OLD", tracked: true, T0));

        var small = (await LoadProductAsync(shop.Id))!.Variants.Single(v => v.ShopifyId == VariantSmall);
        Assert.False(small.InventoryTracked);
        Assert.True(small.IsAvailable);
        Assert.Equal("MUG-S-2", small.Sku);
    }

    [Fact]
    public async Task Collections_are_created_updated_in_order_and_deleted_for_good()
    {
        var shop = await _app.AddShopAsync(Domain);
        const long collectionId = 841564295;

        await _app.ApplyAsync("collections/create", Domain, Collection(collectionId, "Gifts for Mom", T0));
        await _app.ApplyAsync("collections/update", Domain, Collection(collectionId, "Mother's Day", T0.AddMinutes(2)));
        await _app.ApplyAsync("collections/update", Domain, Collection(collectionId, "Stale title", T0.AddMinutes(1)));
        var title = await _app.InShopAsync(shop.Id, db => db.Collections.Select(c => c.Title).SingleAsync());
        Assert.Equal("Mother's Day", title);

        await _app.ApplyAsync("collections/delete", Domain, Deleted(collectionId));
        await _app.ApplyAsync("collections/update", Domain, Collection(collectionId, "Resurrected", T0.AddMinutes(3)));
        Assert.Equal(0, await _app.InShopAsync(shop.Id, db => db.Collections.CountAsync()));
    }

    [Fact]
    public async Task Webhooks_apply_to_their_own_shop_only()
    {
        var shop = await _app.AddShopAsync(Domain);
        var other = await _app.AddShopAsync("other-shop.myshopify.com");

        await _app.ApplyAsync("products/create", "other-shop.myshopify.com", Mug(T0));

        Assert.Null(await LoadProductAsync(shop.Id));
        Assert.NotNull(await LoadProductAsync(other.Id));
        Assert.Equal(ShopInstallState.Installed, (await _app.FindShopAsync(Domain))!.InstallState);
    }

    private Task<int> SmallQuantityAsync(Guid shopId) => _app.InShopAsync(shopId, db =>
        db.Variants.Where(v => v.ShopifyId == VariantSmall).Select(v => v.InventoryQuantity).SingleAsync());

    private static async Task<T> EventuallyAsync<T>(Func<T?> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } value) return value;
            await Task.Delay(20);
        }
        throw new Xunit.Sdk.XunitException("The search index did not reflect the change within 5 s.");
    }
}
