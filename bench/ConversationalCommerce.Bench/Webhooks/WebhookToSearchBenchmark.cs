using System.Diagnostics;
using System.Net;
using ConversationalCommerce.Engine.Search;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Bench.Webhooks;

/// <summary>
/// From the 200 of a products/update to the new title being found by the catalog search the chat uses (inbox job,
/// product write, change notice, index update). Args: [--rounds N] [--catalog N] [--postgres]. Target: p99 <= 1 s.
/// </summary>
public sealed class WebhookToSearchBenchmark : IBenchmark
{
    public string Name => "webhook-to-search";
    public string Description => "products/update 200 -> change visible in ICatalogSearch (target <= 1 s)";

    private static readonly string[] Words = ["zephyr", "quartz", "juniper", "obsidian", "saffron", "tundra", "marigold", "cobalt", "verbena", "walnut"];

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rounds = WebhookIngestBenchmark.IntArg(args, "--rounds", 100);
        var catalog = WebhookIngestBenchmark.IntArg(args, "--catalog", 300);
        await using var host = await WebhookBenchHost.StartAsync(args);
        var search = host.Services.GetRequiredService<ICatalogSearch>();
        const long productId = 8_000_000_000;

        // A catalog (300 products by default) so the index is not trivially small, then the one we keep renaming.
        // Sent a few at a time: filling a 10,000-product catalog one request after the other would take minutes.
        await Parallel.ForEachAsync(Enumerable.Range(0, catalog), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, ct) => await SendAsync(host, productId + 1000 + i * 10, $"Catalog Item {i}", DateTimeOffset.UtcNow, ct));
        await SendAsync(host, productId, "Plain Mug", DateTimeOffset.UtcNow, cancellationToken);
        while (await host.UnfinishedInboxRowsAsync() > 0) await Task.Delay(100, cancellationToken);
        await search.EnsureLoadedAsync(host.ShopId, cancellationToken);

        var latencies = new LatencyRecorder();
        var misses = 0;
        var updatedAt = DateTimeOffset.UtcNow;
        for (var round = 0; round < rounds; round++)
        {
            var word = $"{Words[round % Words.Length]}{round}";
            updatedAt = updatedAt.AddSeconds(1);
            await SendAsync(host, productId, $"Plain Mug {word}", updatedAt, cancellationToken);
            var accepted = Stopwatch.GetTimestamp();
            var deadline = accepted + Stopwatch.Frequency * 10;
            var found = false;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                if (search.Search(host.ShopId, new SearchRequest(word) { Limit = 5 }).Any(h => h.Product.ShopifyId == productId)) { found = true; break; }
                await Task.Delay(2, cancellationToken);
            }
            if (found) latencies.Add(LatencyRecorder.Elapsed(accepted)); else misses++;
        }

        Console.WriteLine($"webhook-to-search ({host.Provider}, Release={WebhookIngestBenchmark.IsRelease()}, {rounds} rounds, {catalog + 1} products)");
        Console.WriteLine("  " + latencies.Summary("200 -> visible in search"));
        Console.WriteLine($"  not visible within 10 s: {misses}");
        return misses == 0 ? 0 : 1;
    }

    private static async Task SendAsync(WebhookBenchHost host, long id, string title, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
        var body = WebhookBenchHost.ProductUpdate(id, title, 12m, updatedAt);
        using var response = await host.SendAsync("products/update", body, WebhookBenchHost.Sign(body), Guid.NewGuid().ToString(), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"Webhook refused: {response.StatusCode}");
    }
}
