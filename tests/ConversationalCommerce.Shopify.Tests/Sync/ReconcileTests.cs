using System.Text.Json;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Customers;
using ConversationalCommerce.Domain.Sync;
using ConversationalCommerce.Shopify.Auth;
using ConversationalCommerce.Shopify.Sync.Reconcile;
using ConversationalCommerce.Shopify.Tests.Support;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ConversationalCommerce.Shopify.Tests.Support.ShopifyStubs;

namespace ConversationalCommerce.Shopify.Tests.Sync;

public sealed class ReconcileTests
{
    private const string Shop = "tea-house.myshopify.com";
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    private static string ProductNode(long id, string title, DateTimeOffset updatedAt) => JsonSerializer.Serialize(new
    {
        id = $"gid://shopify/Product/{id}",
        handle = $"p-{id}",
        title,
        descriptionHtml = "<p>Stoneware.</p>",
        vendor = "Kiln & Co",
        productType = "Mug",
        tags = new[] { "gift" },
        status = "ACTIVE",
        publishedAt = "2026-01-05T09:00:00Z",
        createdAt = "2026-01-05T09:00:00Z",
        updatedAt = updatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        options = new[] { new { name = "Title", position = 1 } },
        variants = new
        {
            nodes = new[]
            {
                new
                {
                    id = $"gid://shopify/ProductVariant/{id * 10}", title = "Default Title", sku = $"S-{id}", price = "12.00",
                    compareAtPrice = (string?)null, position = 1, inventoryQuantity = 4, inventoryPolicy = "DENY",
                    selectedOptions = new[] { new { name = "Title", value = "Default Title" } },
                    inventoryItem = new { id = $"gid://shopify/InventoryItem/{id * 10 + 9}", tracked = true },
                },
            },
        },
        media = new { nodes = new object[] { new { id = $"gid://shopify/MediaImage/{id + 5000}", alt = "mug", image = new { url = $"https://cdn.shopify.com/p{id}.jpg", altText = "mug" } } } },
        collections = new { nodes = Array.Empty<object>() },
    });

    private static string Page(string connection, IEnumerable<string> nodes) =>
        ShopifyPayloads.Data("{\"" + connection + "\":{\"nodes\":[" + string.Join(',', nodes) + "],\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null}}}");

    private static void StubShopify(ShopifyTestApp app)
    {
        app.Shopify.Given(AdminGraphQL("reconcileProducts")).RespondWith(Json(Page("products", [ProductNode(103, "Renamed in Shopify", T0.AddHours(1))])));
        app.Shopify.Given(AdminGraphQL("reconcileCounts")).RespondWith(Json(ShopifyPayloads.Data(
            """{"productsCount":{"count":6,"precision":"EXACT"},"customersCount":{"count":1,"precision":"EXACT"}}""")));
        app.Shopify.Given(AdminGraphQL("reconcileProductIds")).RespondWith(Json(Page("products",
            new long[] { 101, 102, 103, 104, 106, 107 }.Select(id => $$"""{"id":"gid://shopify/Product/{{id}}"}"""))));
        app.Shopify.Given(AdminGraphQL("reconcileProductsByIds")).RespondWith(Json(ShopifyPayloads.Data(
            "{\"nodes\":[" + ProductNode(106, "Created while we were away", T0.AddHours(2)) + "," + ProductNode(107, "Also new", T0.AddHours(2)) + "]}")));
        app.Shopify.Given(AdminGraphQL("reconcileCustomers")).RespondWith(Json(Page("customers", [
            """{"id":"gid://shopify/Customer/7001","firstName":"Ada","lastName":"Lovelace","defaultEmailAddress":{"emailAddress":"ada.new@example.com","marketingState":"SUBSCRIBED"},"defaultPhoneNumber":null,"tags":[],"locale":"en","createdAt":"2026-02-01T10:00:00Z","updatedAt":"2026-11-01T10:00:00Z"}"""])));
    }

    private static async Task<Guid> SeedLocalAsync(ShopifyTestApp app)
    {
        var shopId = await app.InstallShopAsync(Shop);
        await app.WithDbAsync(async db =>
        {
            foreach (var id in new long[] { 101, 102, 103, 104, 105 })
                db.Products.Add(new Product
                {
                    ShopifyId = id, Handle = $"p-{id}", Title = $"Mug {id}", UpdatedAt = T0,
                    Variants = [new ProductVariant { ShopifyId = id * 10, Price = 10m }],
                });
            db.Customers.Add(new Customer { ShopifyId = 7001, Email = "ada@example.com", UpdatedAt = T0 });
            return await db.SaveChangesAsync();
        }, shopId);
        return shopId;
    }

    [Fact]
    public async Task Reconcile_refetches_what_changed_fetches_what_is_missing_and_removes_what_Shopify_deleted()
    {
        using var app = new ShopifyTestApp();
        var shopId = await SeedLocalAsync(app);
        StubShopify(app);

        ReconcileResult result;
        await using (var scope = app.Services.CreateAsyncScope())
            result = await scope.ServiceProvider.GetRequiredService<Reconciler>().RunAsync(shopId, CancellationToken.None);

        Assert.True(result.Drifted);
        Assert.Equal(3, result.ProductsRefetched); // 103 changed, 106 and 107 missing
        Assert.Equal(1, result.ProductsRemoved);   // 105 deleted in Shopify
        Assert.Equal(1, result.CustomersRefetched);
        Assert.Equal(6, result.LocalProducts);
        // Asked Shopify only for what changed since our newest copy.
        var query = app.Shopify.LogEntries.Select(e => e.RequestMessage.Body!).Single(b => b.Contains("\"operationName\":\"reconcileProducts\""));
        using (var body = JsonDocument.Parse(query))
            Assert.Equal("updated_at:>='2026-11-01T08:00:00Z'", body.RootElement.GetProperty("variables").GetProperty("query").GetString());

        await app.WithDbAsync(async db =>
        {
            Assert.Equal("Renamed in Shopify", (await db.Products.SingleAsync(p => p.ShopifyId == 103)).Title);
            var created = await db.Products.Include(p => p.Variants).Include(p => p.Images).SingleAsync(p => p.ShopifyId == 106);
            Assert.Equal(12m, Assert.Single(created.Variants).Price);
            Assert.Equal("https://cdn.shopify.com/p106.jpg", Assert.Single(created.Images).Src);
            Assert.False(await db.Products.AnyAsync(p => p.ShopifyId == 105));
            Assert.True(await db.Set<ShopifyTombstone>().AnyAsync(t => t.ResourceType == ShopifyResourceType.Product && t.ShopifyId == 105));
            Assert.Equal("ada.new@example.com", (await db.Customers.SingleAsync(c => c.ShopifyId == 7001)).Email);
            return 0;
        }, shopId);
    }

    [Fact]
    public async Task Reconcile_of_a_shop_in_step_with_Shopify_finds_no_drift()
    {
        using var app = new ShopifyTestApp();
        var shopId = await SeedLocalAsync(app);
        StubShopify(app);
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Reconciler>().RunAsync(shopId, CancellationToken.None);

        ReconcileResult again;
        await using (var scope = app.Services.CreateAsyncScope())
            again = await scope.ServiceProvider.GetRequiredService<Reconciler>().RunAsync(shopId, CancellationToken.None);

        Assert.False(again.Drifted);
        Assert.Equal(again.RemoteProducts, again.LocalProducts);
        Assert.Single(app.Shopify.LogEntries, e => e.RequestMessage.Body!.Contains("\"operationName\":\"reconcileProductIds\""));
    }

    [Fact]
    public async Task Install_schedules_the_shops_reconcile_and_uninstall_removes_it()
    {
        using var app = new ShopifyTestApp();
        var shopId = await app.InstallShopAsync(Shop);
        var storage = app.Services.GetRequiredService<JobStorage>();
        bool Scheduled()
        {
            using var connection = storage.GetConnection();
            return connection.GetRecurringJobs().Any(j => j.Id == ShopLifecycle.ReconcileJobId(shopId));
        }
        Assert.True(Scheduled());

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ShopLifecycle>().UninstallAsync(shopId);

        Assert.False(Scheduled());
    }
}
