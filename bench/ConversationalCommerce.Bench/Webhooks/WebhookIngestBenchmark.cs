using System.Diagnostics;
using System.Net;

namespace ConversationalCommerce.Bench.Webhooks;

/// <summary>
/// Verified webhooks accepted per second over loopback HTTP, and the accept latency (HMAC check, JSON check, shop
/// lookup, inbox insert, job enqueue, 200). The inbox jobs apply the products in the background meanwhile, as in
/// production. Args: [--requests N] [--concurrency C] [--postgres].
/// </summary>
public sealed class WebhookIngestBenchmark : IBenchmark
{
    public string Name => "webhook-ingest";
    public string Description => "signed Shopify webhooks accepted/s over loopback HTTP and p99 accept latency (targets >= 1000/s, p99 <= 50 ms)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var requests = IntArg(args, "--requests", 20_000);
        var concurrency = IntArg(args, "--concurrency", 32);
        await using var host = await WebhookBenchHost.StartAsync(args);

        // 200 distinct products, each body signed once; every send carries a new event id, so each is a new delivery.
        var bodies = Enumerable.Range(0, 200).Select(i =>
        {
            var body = WebhookBenchHost.ProductUpdate(9_000_000_000 + i * 10, $"Bench Mug {i}", 10m + i, DateTimeOffset.UtcNow);
            return (Body: body, Signature: WebhookBenchHost.Sign(body));
        }).ToArray();

        // Warm-up: JIT, connection pool, first inserts.
        await DriveAsync(host, bodies, 500, concurrency, new LatencyRecorder(), cancellationToken);

        var latencies = new LatencyRecorder();
        var clock = Stopwatch.StartNew();
        var failures = await DriveAsync(host, bodies, requests, concurrency, latencies, cancellationToken);
        var acceptSeconds = clock.Elapsed.TotalSeconds;

        // How long the background applies take to drain what was accepted (bounded wait).
        var drainDeadline = DateTime.UtcNow.AddMinutes(5);
        int left;
        while ((left = await host.UnfinishedInboxRowsAsync()) > 0 && DateTime.UtcNow < drainDeadline) await Task.Delay(200, cancellationToken);
        var drainSeconds = clock.Elapsed.TotalSeconds;

        Console.WriteLine($"webhook-ingest ({host.Provider}, Release={IsRelease()}, concurrency {concurrency}, {Environment.ProcessorCount} cores)");
        Console.WriteLine($"  accepted: {requests - failures}/{requests} in {acceptSeconds:F2} s = {(requests - failures) / acceptSeconds:F0} webhooks/s");
        Console.WriteLine("  " + latencies.Summary("accept latency"));
        Console.WriteLine($"  applied (products/update through the inbox): all {requests + 500 - left} rows done after {drainSeconds:F2} s = {(requests + 500 - left) / drainSeconds:F0}/s, {left} unfinished");
        return failures == 0 ? 0 : 1;
    }

    private static async Task<int> DriveAsync(WebhookBenchHost host, (byte[] Body, string Signature)[] bodies, int requests, int concurrency,
        LatencyRecorder latencies, CancellationToken cancellationToken)
    {
        var next = -1;
        var failures = 0;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var (body, signature) = bodies[i % bodies.Length];
                var start = Stopwatch.GetTimestamp();
                using var response = await host.SendAsync("products/update", body, signature, Guid.NewGuid().ToString(), cancellationToken);
                latencies.Add(LatencyRecorder.Elapsed(start));
                if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref failures);
            }
        });
        await Task.WhenAll(workers);
        return failures;
    }

    internal static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
    }

    internal static bool IsRelease() =>
        typeof(ConversationalCommerce.Shopify.Webhooks.ShopifyHmac).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false).OfType<DebuggableAttribute>().All(d => !d.IsJITOptimizerDisabled);
}
