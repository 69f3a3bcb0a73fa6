using System.Net;
using System.Net.Http.Json;
using ConversationalCommerce.App.DemoStore;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.App.Tests.DemoStore;

/// <summary>One app seeded at start-up, shared by the read-only checks.</summary>
public sealed class SeededDemoApp : IDisposable
{
    public AppFactory Factory { get; } = new(seedDemo: true);
    public HttpClient Client { get; }

    public SeededDemoApp() => Client = Factory.CreateClient();

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
    }
}

public sealed class DemoStoreSeedingTests(SeededDemoApp app) : IClassFixture<SeededDemoApp>
{
    private sealed record ProductPage(int Total, int Offset, int Limit, List<ProductSummary> Items);
    private sealed record ProductSummary(string Handle, string Title);

    [Fact]
    public async Task Fresh_install_serves_the_seeded_demo_catalog_and_is_ready()
    {
        var page = await app.Client.GetFromJsonAsync<ProductPage>($"/api/shops/{Shop.DemoDomain}/products?limit=1");
        Assert.NotNull(page);
        Assert.True(page.Total >= 300, $"total {page.Total}");
        Assert.Single(page.Items);

        var ready = await app.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Demo_shop_has_its_settings_customers_and_orders()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shop = await db.Shops.AsNoTracking().SingleAsync(s => s.Domain == Shop.DemoDomain);
        Assert.Equal("Demo Store", shop.Name);
        Assert.Equal("USD", shop.Currency);
        Assert.False(string.IsNullOrEmpty(shop.WidgetKey));
        Assert.Contains("30 days", shop.Settings.ReturnsPolicy);
        Assert.NotEmpty(shop.Settings.ShippingPolicy);
        Assert.NotEmpty(shop.Settings.PaymentPolicy);

        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shop.Id);
        Assert.True(await db.Customers.CountAsync() >= 50);
        Assert.True(await db.Orders.CountAsync() >= 300);
        Assert.True(await db.OrderLines.CountAsync() > await db.Orders.CountAsync());
        Assert.True(await db.Variants.AnyAsync(v => v.InventoryTracked && v.InventoryQuantity == 0 && v.InventoryPolicy == InventoryPolicy.Deny));
        Assert.True(await db.Products.AnyAsync(p => p.Status == ProductStatus.Draft));
        Assert.True(await db.Collections.CountAsync() >= 8);
        Assert.Equal(await db.Variants.CountAsync(v => v.InventoryTracked), await db.InventoryLevels.CountAsync());
    }

    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        var before = await SnapshotAsync();
        var result = await app.Factory.Services.GetRequiredService<DemoStoreSeeder>().SeedAsync(reset: false, CancellationToken.None);
        Assert.False(result.Seeded);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Product_image_is_an_svg_tile_with_caching_headers()
    {
        var handle = await FirstHandleAsync();
        var response = await app.Client.GetAsync($"/demo-assets/products/{handle}.svg");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("max-age", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
        var svg = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<svg", svg);
        var doc = System.Xml.Linq.XDocument.Parse(svg); // well-formed, titles with '&' escaped
        Assert.Equal("svg", doc.Root!.Name.LocalName);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/demo-assets/products/{handle}.svg");
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag);
        var notModified = await app.Client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task Image_colour_follows_the_requested_variant_colour()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shop = await db.Shops.AsNoTracking().SingleAsync(s => s.Domain == Shop.DemoDomain);
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shop.Id);
        var image = await db.ProductImages.AsNoTracking().Where(i => i.Src.Contains("?color=navy")).FirstAsync();
        var other = await db.ProductImages.AsNoTracking().Where(i => i.ProductId == image.ProductId && i.Src != image.Src).FirstOrDefaultAsync();

        var navy = await app.Client.GetStringAsync(image.Src);
        Assert.Contains("#1f2d4d", navy);
        if (other is not null) Assert.NotEqual(navy, await app.Client.GetStringAsync(other.Src));
    }

    [Fact]
    public async Task Unknown_product_image_is_not_found()
    {
        var response = await app.Client.GetAsync("/demo-assets/products/no-such-product.svg");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<string> FirstHandleAsync()
    {
        var page = await app.Client.GetFromJsonAsync<ProductPage>($"/api/shops/{Shop.DemoDomain}/products?limit=5");
        // A title with '&' proves the escaping; fall back to the first product.
        return page!.Items.FirstOrDefault(i => i.Title.Contains('&'))?.Handle ?? page.Items[0].Handle;
    }

    private async Task<(int, int, int, int, string)> SnapshotAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shop = await db.Shops.AsNoTracking().SingleAsync(s => s.Domain == Shop.DemoDomain);
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shop.Id);
        var ids = await db.Products.OrderBy(p => p.Handle).Select(p => p.Id).ToListAsync();
        return (await db.Shops.CountAsync(), ids.Count, await db.Variants.CountAsync(), await db.Orders.CountAsync(),
            string.Join(',', ids) + shop.WidgetKey);
    }
}

public sealed class DemoStoreResetTests
{
    [Fact]
    public async Task Reset_reseeds_the_demo_shop_and_leaves_other_shops_alone()
    {
        using var factory = new AppFactory(seedDemo: true);
        _ = factory.Services; // starts the host, which seeds
        var otherShopId = await AddOtherShopWithProductAsync(factory.Services);
        var seeder = factory.Services.GetRequiredService<DemoStoreSeeder>();

        var result = await seeder.SeedAsync(reset: true, CancellationToken.None);

        Assert.True(result.Seeded);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var demo = await db.Shops.AsNoTracking().SingleAsync(s => s.Domain == Shop.DemoDomain);
        Assert.Equal(2, await db.Shops.CountAsync());
        var perShop = await db.Products.IgnoreQueryFilters().GroupBy(p => p.ShopId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal(result.Products, perShop.Single(g => g.Key == demo.Id).Count);
        Assert.Equal(1, perShop.Single(g => g.Key == otherShopId).Count);
        Assert.Equal(result.Orders, await db.Orders.IgnoreQueryFilters().CountAsync(o => o.ShopId == demo.Id));
    }

    [Fact]
    public async Task Startup_does_not_seed_when_a_shop_is_already_installed()
    {
        using var factory = new AppFactory(seedDemo: false);
        await AddOtherShopWithProductAsync(factory.Services);
        var step = new DemoStoreStartupStep(Options.Create(new DemoStoreOptions { SeedOnStartup = true }),
            factory.Services.GetRequiredService<IServiceScopeFactory>(), factory.Services.GetRequiredService<DemoStoreSeeder>(),
            NullLogger<DemoStoreStartupStep>.Instance);

        await step.RunAsync(CancellationToken.None);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await db.Shops.AnyAsync(s => s.Domain == Shop.DemoDomain));
    }

    [Fact]
    public async Task Startup_seeds_an_empty_database_when_enabled()
    {
        using var factory = new AppFactory(seedDemo: false);
        var step = new DemoStoreStartupStep(Options.Create(new DemoStoreOptions { SeedOnStartup = true }),
            factory.Services.GetRequiredService<IServiceScopeFactory>(), factory.Services.GetRequiredService<DemoStoreSeeder>(),
            NullLogger<DemoStoreStartupStep>.Instance);

        await step.RunAsync(CancellationToken.None);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.True(await db.Products.IgnoreQueryFilters().CountAsync() >= 300);
    }

    private static async Task<Guid> AddOtherShopWithProductAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shop = new Shop { Domain = "other-shop.myshopify.com", Name = "Other" };
        db.Shops.Add(shop);
        await db.SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shop.Id);
        db.Products.Add(new Product { Handle = "kept", Title = "Kept product", ShopifyId = 1 });
        await db.SaveChangesAsync();
        return shop.Id;
    }
}
