using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Sync;
using ConversationalCommerce.Engine.Search;
using ConversationalCommerce.Shopify.Auth;
using ConversationalCommerce.Shopify.Sync;
using ConversationalCommerce.Shopify.Tests.Support;
using ConversationalCommerce.Testing.Shopify;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ConversationalCommerce.Shopify.Tests.Support.ShopifyStubs;

namespace ConversationalCommerce.Shopify.Tests.Sync;

public sealed class BulkSyncTests
{
    private const string Shop = "tea-house.myshopify.com";
    private static readonly DateTimeOffset UpdatedAt = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    private static int ExpectedVariants(int products) => Enumerable.Range(0, products).Sum(i => 1 + i % 3);

    private static void SmallCustomerAndOrderStages(ShopifyTestApp app)
    {
        var customers = Path.Combine(app.Data.Path, "customers.jsonl");
        var orders = Path.Combine(app.Data.Path, "orders.jsonl");
        BulkJsonlFiles.WriteCustomers(customers, 50, UpdatedAt);
        BulkJsonlFiles.WriteOrders(orders, 20, DateTimeOffset.UtcNow.AddDays(-30));
        BulkStage(app, "customers {", "gid://shopify/BulkOperation/2", customers, 50);
        BulkStage(app, "orders(query:", "gid://shopify/BulkOperation/3", orders, 60);
    }

    private static async Task<SyncStatus> WaitForFinishedAsync(HttpClient client, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await client.GetFromJsonAsync<SyncStatus>("/api/admin/sync/status");
            if (status!.Status is "Completed" or "Failed" or "Cancelled") return status;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Sync still {status.Status} at {status.Stage}, line {status.LinesApplied}");
            await Task.Delay(200);
        }
    }

    private static HttpClient Admin(ShopifyTestApp app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ShopifyTestApp.SessionToken(Shop, DateTimeOffset.UtcNow, expiresIn: TimeSpan.FromMinutes(10)));
        return client;
    }

    [Fact]
    public async Task On_demand_sync_runs_bulk_operations_to_completion_and_imports_10000_products_into_db_and_search()
    {
        using var app = new ShopifyTestApp();
        var shopId = await app.InstallShopAsync(Shop);
        var products = Path.Combine(app.Data.Path, "products.jsonl");
        var lines = BulkJsonlFiles.WriteProducts(products, 10_000, UpdatedAt);
        BulkStage(app, "products {", "gid://shopify/BulkOperation/1", products, lines, runningPolls: 2);
        SmallCustomerAndOrderStages(app);
        var search = app.Services.GetRequiredService<ICatalogSearch>();
        await search.EnsureLoadedAsync(shopId, CancellationToken.None); // the empty index, before the sync
        Assert.Empty(search.Search(shopId, new SearchRequest("teapot")));
        var client = Admin(app);

        var started = await client.PostAsync("/api/admin/sync", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var status = await WaitForFinishedAsync(client, TimeSpan.FromSeconds(180));

        Assert.Equal("Completed", status.Status);
        Assert.Equal("Done", status.Stage);
        Assert.Equal(10_000, status.ProductsApplied);
        Assert.Equal(50, status.CustomersApplied);
        Assert.Equal(20, status.OrdersApplied);
        // RUNNING was polled twice before COMPLETED, then the file was downloaded once.
        Assert.Equal(3, app.Shopify.LogEntries.Count(e => e.RequestMessage.Body?.Contains("gid://shopify/BulkOperation/1") == true));
        Assert.Single(app.Shopify.LogEntries, e => e.RequestMessage.Path == "/bulk/products.jsonl");

        await app.WithDbAsync(async db =>
        {
            Assert.Equal(10_000, await db.Products.CountAsync());
            Assert.Equal(ExpectedVariants(10_000), await db.Variants.CountAsync());
            Assert.Equal(10_000, await db.ProductImages.CountAsync());
            Assert.Equal(8, await db.Collections.CountAsync());
            Assert.Equal(10_000, await db.ProductCollections.CountAsync());
            var p = await db.Products.Include(x => x.Variants).Include(x => x.Images).Include(x => x.Collections).ThenInclude(c => c.Collection)
                .SingleAsync(x => x.ShopifyId == BulkJsonlFiles.FirstProductId + 13);
            Assert.Equal("Blue Backpack 13", p.Title);
            // Rows written by the direct inserts are found by key exactly like rows EF wrote (same key format).
            Assert.Equal(p.ShopifyId, (await db.Products.AsNoTracking().SingleAsync(x => x.Id == p.Id)).ShopifyId);
            Assert.Equal(2, await db.Variants.CountAsync(v => v.ProductId == p.Id));
            Assert.Equal("Color", p.Option1Name);
            Assert.Equal("Size", p.Option2Name);
            Assert.Equal("gift, blue", p.Tags);
            Assert.True(p.Published);
            Assert.Equal(UpdatedAt, p.UpdatedAt);
            var variants = p.Variants.OrderBy(v => v.Position).ToList();
            Assert.Equal(2, variants.Count); // 1 + 13 % 3
            Assert.Equal(22.5m, variants[0].Price);
            Assert.Null(variants[0].CompareAtPrice);
            Assert.Equal("Blue", variants[1].Option1);
            Assert.Equal("M", variants[1].Option2);
            Assert.Equal("SKU-13-M", variants[1].Sku);
            Assert.False(variants[0].InventoryTracked); // 13 % 13 == 0
            Assert.Equal((BulkJsonlFiles.FirstProductId + 13) * 10 + 5_000_000_000_000, variants[0].InventoryItemId);
            Assert.Equal("https://cdn.shopify.com/s/files/1/0000/0001/files/p13.jpg?v=1", Assert.Single(p.Images).Src);
            Assert.Equal("Backpacks", Assert.Single(p.Collections).Collection!.Title);

            var customer = await db.Customers.SingleAsync(c => c.ShopifyId == 7_000_000);
            Assert.Equal("customer0@example.com", customer.Email);
            Assert.True(customer.EmailMarketingConsent);
            var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.ShopifyId == 6_000_000);
            Assert.Equal(customer.Id, order.CustomerId);
            Assert.Equal(39m, order.TotalPrice);
            Assert.Equal(2, order.Lines.Count);
            Assert.Equal(BulkJsonlFiles.FirstProductId, order.Lines.OrderBy(l => l.Quantity).First().ProductShopifyId);
            return 0;
        }, shopId);

        // The search index was told: the synced catalog becomes searchable without a restart.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (search.Search(shopId, new SearchRequest("teapot")).Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.NotEmpty(search.Search(shopId, new SearchRequest("teapot")));
    }

    [Fact]
    public async Task Sync_stopped_mid_file_resumes_at_its_checkpoint_without_restarting_the_operation()
    {
        using var app = new ShopifyTestApp().WithSetting("Shopify:Sync:BatchSize", "250") as ShopifyTestApp;
        var shopId = await app!.InstallShopAsync(Shop);
        var products = Path.Combine(app.Data.Path, "products.jsonl");
        var lines = BulkJsonlFiles.WriteProducts(products, 10_000, UpdatedAt);
        BulkStage(app, "products {", "gid://shopify/BulkOperation/1", products, lines);
        SmallCustomerAndOrderStages(app);
        var runId = await app.WithDbAsync(async db =>
        {
            var run = new SyncRun { ShopId = shopId, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
            db.SyncRuns.Add(run);
            await db.SaveChangesAsync();
            return run.Id;
        }, shopId);

        // The node stops (deploy, crash) once about half of the file is applied.
        using var stop = new CancellationTokenSource();
        var progress = app.Services.GetRequiredService<SyncProgress>();
        void StopHalfway(SyncRun r) { if (r.Id == runId && r.LinesApplied >= lines / 2) stop.Cancel(); }
        progress.Checkpointed += StopHalfway;
        await using (var scope = app.Services.CreateAsyncScope())
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scope.ServiceProvider.GetRequiredService<SyncRunner>().RunAsync(runId, stop.Token));
        progress.Checkpointed -= StopHalfway;

        var stopped = await app.WithDbAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == runId), shopId);
        Assert.Equal(SyncRunStatus.Running, stopped.Status);
        Assert.Equal(SyncStage.Products, stopped.Stage);
        Assert.Equal("gid://shopify/BulkOperation/1", stopped.BulkOperationId);
        Assert.InRange(stopped.LinesApplied, lines / 2, lines - 1);
        Assert.InRange(stopped.ProductsApplied, 1, 9_999);
        Assert.Equal(stopped.ProductsApplied, await app.WithDbAsync(db => db.Products.CountAsync(), shopId));

        // Shopify's file now carries newer copies: a restart from line 1 would re-apply the first half too.
        BulkJsonlFiles.WriteProducts(products, 10_000, UpdatedAt.AddDays(1), titleSuffix: " (v2)");
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SyncRunner>().RunAsync(runId, CancellationToken.None);

        var run = await app.WithDbAsync(db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == runId), shopId);
        Assert.Equal(SyncRunStatus.Completed, run.Status);
        Assert.Equal(10_000, run.ProductsApplied);
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(10_000, await db.Products.CountAsync());
            Assert.Equal(ExpectedVariants(10_000), await db.Variants.CountAsync());
            var first = await db.Products.SingleAsync(p => p.ShopifyId == BulkJsonlFiles.FirstProductId);
            var last = await db.Products.SingleAsync(p => p.ShopifyId == BulkJsonlFiles.FirstProductId + 9_999);
            Assert.DoesNotContain("(v2)", first.Title);
            Assert.EndsWith("(v2)", last.Title);
            return 0;
        }, shopId);
        // One bulk operation for products: resuming did not start another.
        Assert.Single(app.Shopify.LogEntries, e => e.RequestMessage.Body?.Contains("bulkOperationRunQuery") == true && e.RequestMessage.Body.Contains("products {"));
        Assert.Equal(2, app.Shopify.LogEntries.Count(e => e.RequestMessage.Path == "/bulk/products.jsonl"));
    }

    [Fact]
    public async Task Sync_never_overwrites_newer_data_nor_revives_deleted_products()
    {
        using var app = new ShopifyTestApp();
        var shopId = await app.InstallShopAsync(Shop);
        var products = Path.Combine(app.Data.Path, "products.jsonl");
        var lines = BulkJsonlFiles.WriteProducts(products, 10, UpdatedAt);
        BulkStage(app, "products {", "gid://shopify/BulkOperation/1", products, lines);
        SmallCustomerAndOrderStages(app);
        var newer = UpdatedAt.AddHours(1);
        await app.WithDbAsync(async db =>
        {
            db.Products.Add(new Product { ShopifyId = BulkJsonlFiles.FirstProductId + 1, Handle = "h", Title = "Renamed by a newer webhook", UpdatedAt = newer });
            db.Add(new ShopifyTombstone { ResourceType = ShopifyResourceType.Product, ShopifyId = BulkJsonlFiles.FirstProductId + 2, DeletedAt = newer });
            return await db.SaveChangesAsync();
        }, shopId);

        SyncRun run;
        await using (var scope = app.Services.CreateAsyncScope())
            run = await scope.ServiceProvider.GetRequiredService<ShopLifecycle>().StartInitialSyncAsync(shopId);
        var client = Admin(app);
        var status = await WaitForFinishedAsync(client, TimeSpan.FromSeconds(180));

        Assert.Equal(run.Id, status.Id);
        Assert.Equal("Completed", status.Status);
        Assert.Equal(2, status.RecordsSkipped);
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(9, await db.Products.CountAsync());
            Assert.Equal("Renamed by a newer webhook", (await db.Products.SingleAsync(p => p.ShopifyId == BulkJsonlFiles.FirstProductId + 1)).Title);
            Assert.False(await db.Products.AnyAsync(p => p.ShopifyId == BulkJsonlFiles.FirstProductId + 2));
            return 0;
        }, shopId);
    }

    [Fact]
    public async Task Failed_bulk_operation_fails_the_run_with_shopifys_error_code()
    {
        using var app = new ShopifyTestApp();
        var shopId = await app.InstallShopAsync(Shop);
        app.Shopify.Given(AdminGraphQL("bulkOperationRunQuery")).RespondWith(Json(ShopifyPayloads.BulkRunStarted("gid://shopify/BulkOperation/9")));
        app.Shopify.Given(AdminGraphQL("bulkOperationStatus")).RespondWith(Json(ShopifyPayloads.BulkNode("gid://shopify/BulkOperation/9", "FAILED", 0, null, "ACCESS_DENIED")));

        var started = await Admin(app).PostAsync("/api/admin/sync", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var status = await WaitForFinishedAsync(Admin(app), TimeSpan.FromSeconds(180));

        Assert.Equal("Failed", status.Status);
        Assert.Contains("ACCESS_DENIED", status.Error);
        Assert.Equal(0, await app.WithDbAsync(db => db.Products.CountAsync(), shopId));
    }

    [Fact]
    public async Task Bulk_finish_webhook_wakes_the_waiting_sync_at_once()
    {
        using var app = new ShopifyTestApp().WithSetting("Shopify:Sync:BulkPollInterval", "00:10:00") as ShopifyTestApp;
        var shopId = await app!.InstallShopAsync(Shop);
        var products = Path.Combine(app.Data.Path, "products.jsonl");
        var lines = BulkJsonlFiles.WriteProducts(products, 20, UpdatedAt);
        const string op = "gid://shopify/BulkOperation/1";
        app.Shopify.Given(AdminGraphQL("bulkOperationRunQuery").WithBody(b => b != null && b.Contains("products {"))).RespondWith(Json(ShopifyPayloads.BulkRunStarted(op)));
        app.Shopify.Given(AdminGraphQL("bulkOperationStatus").WithBody(b => b != null && b.Contains(op))).AtPriority(10).RespondWith(Json(ShopifyPayloads.BulkNode(op, "RUNNING", 5, null)));
        app.Shopify.Given(WireMock.RequestBuilders.Request.Create().WithPath("/bulk/products.jsonl").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithBodyFromFile(products, cache: false));
        SmallCustomerAndOrderStages(app);
        var client = Admin(app);
        await client.PostAsync("/api/admin/sync", null);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await client.GetFromJsonAsync<SyncStatus>("/api/admin/sync/status"))!.BulkOperationStatus != "RUNNING" && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        // Shopify finishes the operation and sends bulk_operations/finish; the webhook handler calls the lifecycle.
        app.Shopify.Given(AdminGraphQL("bulkOperationStatus").WithBody(b => b != null && b.Contains(op))).AtPriority(1)
            .RespondWith(Json(ShopifyPayloads.BulkNode(op, "COMPLETED", lines, app.Shopify.Url + "/bulk/products.jsonl")));
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ShopLifecycle>().OnBulkOperationFinishedAsync(shopId, op);

        // Far sooner than the 10 minute poll interval.
        var status = await WaitForFinishedAsync(client, TimeSpan.FromSeconds(180));
        Assert.Equal("Completed", status.Status);
        Assert.Equal(20, status.ProductsApplied);
    }
}
