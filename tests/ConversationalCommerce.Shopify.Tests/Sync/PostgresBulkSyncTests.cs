using ConversationalCommerce.Domain.Sync;
using ConversationalCommerce.Shopify.Sync;
using ConversationalCommerce.Shopify.Tests.Support;
using ConversationalCommerce.Testing;
using ConversationalCommerce.Testing.Shopify;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ConversationalCommerce.Shopify.Tests.Support.ShopifyStubs;

namespace ConversationalCommerce.Shopify.Tests.Sync;

/// <summary>The sync's direct row inserts and its updates on a real PostgreSQL server (UTC instants, enums, decimals).</summary>
public sealed class PostgresBulkSyncTests
{
    private const string Shop = "tea-house.myshopify.com";

    [Fact]
    public async Task Sync_imports_and_then_updates_the_catalog_on_PostgreSQL()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        using var app = new ShopifyTestApp().UsePostgres(database.ConnectionString) as ShopifyTestApp;
        var shopId = await app!.InstallShopAsync(Shop);
        var products = Path.Combine(app.Data.Path, "products.jsonl");
        var customers = Path.Combine(app.Data.Path, "customers.jsonl");
        var orders = Path.Combine(app.Data.Path, "orders.jsonl");
        var updatedAt = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
        var lines = BulkJsonlFiles.WriteProducts(products, 300, updatedAt);
        BulkJsonlFiles.WriteCustomers(customers, 10, updatedAt);
        BulkJsonlFiles.WriteOrders(orders, 10, DateTimeOffset.UtcNow.AddDays(-3));
        BulkStage(app, "products {", "gid://shopify/BulkOperation/1", products, lines);
        BulkStage(app, "customers {", "gid://shopify/BulkOperation/2", customers, 10);
        BulkStage(app, "orders(query:", "gid://shopify/BulkOperation/3", orders, 30);

        async Task<SyncRun> RunOnceAsync()
        {
            var runId = await app.WithDbAsync(async db =>
            {
                var run = new SyncRun { ShopId = shopId, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
                db.SyncRuns.Add(run);
                await db.SaveChangesAsync();
                return run.Id;
            }, shopId);
            await using (var scope = app.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<SyncRunner>().RunAsync(runId, CancellationToken.None);
            return await app.WithDbAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == runId), shopId);
        }

        var first = await RunOnceAsync();
        Assert.Equal(SyncRunStatus.Completed, first.Status);
        Assert.Equal(300, first.ProductsApplied);

        // Shopify's next export has newer copies: the second sync updates the rows it holds.
        BulkJsonlFiles.WriteProducts(products, 300, updatedAt.AddDays(1), titleSuffix: " (v2)");
        var second = await RunOnceAsync();
        Assert.Equal(SyncRunStatus.Completed, second.Status);
        Assert.Equal(300, second.ProductsApplied);
        // Customers and orders did not change: skipped, not rewritten.
        Assert.Equal(0, second.CustomersApplied);
        Assert.Equal(0, second.OrdersApplied);
        Assert.Equal(20, second.RecordsSkipped);

        await app.WithDbAsync(async db =>
        {
            Assert.Equal(300, await db.Products.CountAsync());
            var p = await db.Products.Include(x => x.Variants).Include(x => x.Images).SingleAsync(x => x.ShopifyId == BulkJsonlFiles.FirstProductId + 5);
            Assert.EndsWith("(v2)", p.Title);
            Assert.Equal(updatedAt.AddDays(1), p.UpdatedAt);
            Assert.Equal(3, p.Variants.Count);
            Assert.Equal(14.5m, p.Variants.Single(v => v.Position == 1).Price);
            Assert.Single(p.Images);
            Assert.Equal(10, await db.Orders.CountAsync(o => o.CustomerId != null));
            return 0;
        }, shopId);
    }
}
