using System.Diagnostics;
using System.Globalization;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Sync;
using ConversationalCommerce.Engine.Catalog;
using ConversationalCommerce.Engine.Search;
using ConversationalCommerce.Shopify.Sync;
using ConversationalCommerce.Shopify.Tokens;
using ConversationalCommerce.Testing;
using ConversationalCommerce.Testing.Shopify;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Bench.Shopify;

/// <summary>
/// The first sync of a large store: a generated bulk result of N products (default 100,000, with variants, images
/// and collections) streamed from a loopback server, applied to SQLite by the real sync runner, then indexed for
/// search. Reports seconds per phase and the process's peak memory. Targets: 30 s and 500 MB for 100,000.
/// </summary>
public sealed class BulkImportBenchmark : IBenchmark
{
    public string Name => "bulk-import";
    public string Description => "first sync: N products (default 100000) as bulk JSONL -> database -> search index";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        await using var memory = new MemoryPhases();
        using var data = new TestDataDirectory();
        var file = Path.Combine(data.Path, "products.jsonl");
        var lines = BulkJsonlFiles.WriteProducts(file, count, new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));
        Console.WriteLine($"bulk-import: {count} products, {lines} JSONL lines, {new FileInfo(file).Length / 1024 / 1024} MB");

        await using var shopify = await FakeShopify.StartAsync(file, lines);
        // The bench has no test manifest pointing WebApplicationFactory at the app's folder; any folder will do.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CONVERSATIONALCOMMERCE_APP", AppContext.BaseDirectory);
        using var app = new AppFactory()
            .WithSetting("Shopify:ApiKey", "bench-client-id")
            .WithSetting("Shopify:ApiSecret", "shpss_bench_secret_0123456789abcdef01")
            .WithSetting("Shopify:ShopOriginOverride", shopify.Url)
            .WithSetting("Shopify:Sync:StartAfterInstall", "false")
            .WithSetting("Shopify:Sync:BulkPollInterval", "00:00:00.050")
            .WithSetting("Search:WarmOnStartup", "false");
        var shopId = await InstallAsync(app);
        var runId = await CreateRunAsync(app, shopId);
        GC.Collect();
        memory.Next("apply");

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SyncRunner>().RunAsync(runId, cancellationToken);
        var applied = Stopwatch.GetElapsedTime(started);
        var applyCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        // Peak working set only grows: read now, it is the peak of start-up + the sync itself.
        var applyPeakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
        memory.Next("index");

        var indexStarted = Stopwatch.GetTimestamp();
        var search = app.Services.GetRequiredService<ICatalogSearch>();
        await search.EnsureLoadedAsync(shopId, cancellationToken);
        var indexed = Stopwatch.GetElapsedTime(indexStarted);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var hits = search.Search(shopId, new SearchRequest("blue teapot")).Count;
        memory.Next("check");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var run = await db.SyncRuns.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken);
            var stored = await db.Products.IgnoreQueryFilters().CountAsync(p => p.ShopId == shopId, cancellationToken);
            Console.WriteLine($"run {run.Status}: {run.ProductsApplied} products applied, {stored} stored, search 'blue teapot' -> {hits} hits");
            if (run.Status != SyncRunStatus.Completed || stored != count) return 1;
        }
        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
        memory.Next("end");
        // Read after the peak (a forced GC must not flatter it): what the app keeps with the index loaded.
        Console.WriteLine($"retained managed heap with the index loaded, after a full GC: {MemoryPhases.RetainedHeapMb():F0} MB");
        var total = applied + indexed;
        Console.WriteLine($"apply {applied.TotalSeconds:F1} s wall, {applyCpu.TotalSeconds:F1} s CPU ({count / applied.TotalSeconds:F0} products/s), peak {applyPeakMb:F0} MB after the sync");
        Console.WriteLine($"index {indexed.TotalSeconds:F1} s wall; total {total.TotalSeconds:F1} s wall, {cpu.TotalSeconds:F1} s CPU, peak {peakMb:F0} MB (machine load {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores)");
        Console.WriteLine($"targets: total <= 30 s {(total.TotalSeconds <= 30 ? "met" : "MISSED")}, peak <= 500 MB {(peakMb <= 500 ? "met" : "MISSED")}");
        await MeasureSingleChangeAsync(app.Services, search, shopId, cancellationToken);
        return 0;
    }

    /// <summary>
    /// After the import (and after the peak was read): one product renamed in the database and announced like a
    /// webhook does, until the search finds it. On a catalog this size that is the cost of an index snapshot.
    /// </summary>
    private static async Task MeasureSingleChangeAsync(IServiceProvider services, ICatalogSearch search, Guid shopId, CancellationToken cancellationToken)
    {
        var latencies = new LatencyRecorder();
        for (var round = 0; round < 3; round++)
        {
            var word = $"zyxwv{(char)('a' + round)}";
            Guid productId;
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var product = await db.Products.IgnoreQueryFilters().Where(p => p.ShopId == shopId).OrderBy(p => p.ShopifyId).Skip(round * 1000).FirstAsync(cancellationToken);
                product.Title = $"{word} lantern";
                await db.SaveChangesAsync(cancellationToken);
                productId = product.Id;
            }
            var started = Stopwatch.GetTimestamp();
            services.GetRequiredService<ICatalogChangeNotifier>().ProductsChanged(shopId, [productId]);
            // The snapshot first (Get does not search), then the first search on it, timed apart.
            while (search.Get(shopId, productId)?.Title.StartsWith(word, StringComparison.Ordinal) != true)
                await Task.Delay(5, cancellationToken);
            var snapshot = LatencyRecorder.Elapsed(started);
            latencies.Add(snapshot);
            var searchStarted = Stopwatch.GetTimestamp();
            var found = search.Search(shopId, new SearchRequest(word)).Any(h => h.Product.Id == productId);
            var typoStarted = Stopwatch.GetTimestamp();
            search.Search(shopId, new SearchRequest("lantren"));
            Console.WriteLine($"  change {round}: snapshot {snapshot:F0} ms; first search {LatencyRecorder.Elapsed(searchStarted) - LatencyRecorder.Elapsed(typoStarted):F1} ms (found {found}); first misspelt search {LatencyRecorder.Elapsed(typoStarted):F1} ms");
        }
        Console.WriteLine("one product changed after the import: " + latencies.Summary("change notice -> in the index"));
    }

    private static async Task<Guid> InstallAsync(AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShopInstaller>().InstallAsync("bench-store.myshopify.com",
            new ShopifyTokenResponse { AccessToken = "shpat_bench", Scope = "read_products" }, CancellationToken.None);
    }

    private static async Task<Guid> CreateRunAsync(AppFactory app, Guid shopId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var run = new SyncRun { ShopId = shopId, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    /// <summary>A loopback stand-in for Shopify: the bulk mutation, the status query and the file, streamed from disk.</summary>
    private sealed class FakeShopify(WebApplication app, string url) : IAsyncDisposable
    {
        public string Url { get; } = url;

        public static async Task<FakeShopify> StartAsync(string file, long lines)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            string? baseUrl = null;
            app.MapPost("/admin/api/{version}/graphql.json", async (HttpContext http) =>
            {
                using var reader = new StreamReader(http.Request.Body);
                var body = await reader.ReadToEndAsync();
                var cost = """{"cost":{"requestedQueryCost":10,"actualQueryCost":10,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":1990,"restoreRate":100.0}}}""";
                var stage = body.Contains("products {") ? 1 : body.Contains("customers {") ? 2 : body.Contains("orders(query:") ? 3 : 0;
                if (body.Contains("\"operationName\":\"bulkOperationRunQuery\""))
                    return Results.Text("{\"data\":{\"bulkOperationRunQuery\":{\"bulkOperation\":{\"id\":\"gid://shopify/BulkOperation/" + stage + "\",\"status\":\"CREATED\"},\"userErrors\":[]}},\"extensions\":" + cost + "}", "application/json");
                var op = body.Contains("BulkOperation/1") ? 1 : 0;
                var url = op == 1 ? "\"" + baseUrl + "/bulk/products.jsonl\"" : "null";
                return Results.Text("{\"data\":{\"node\":{\"id\":\"gid://shopify/BulkOperation/" + op + "\",\"status\":\"COMPLETED\",\"errorCode\":null,\"objectCount\":\"" + (op == 1 ? lines : 0)
                    + "\",\"rootObjectCount\":\"0\",\"url\":" + url + ",\"partialDataUrl\":null}},\"extensions\":" + cost + "}", "application/json");
            });
            app.MapGet("/bulk/products.jsonl", () => Results.File(file, "application/jsonl"));
            await app.StartAsync();
            baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new FakeShopify(app, baseUrl);
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
