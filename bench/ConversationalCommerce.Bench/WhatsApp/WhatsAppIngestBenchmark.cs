using System.Diagnostics;
using System.Globalization;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ConversationalCommerce.Bench.WhatsApp;

/// <summary>
/// Signed WhatsApp webhooks accepted per second over loopback (Kestrel, real sockets), each verified, parsed, routed
/// and written to the inbox before the 200; p99 of the accept. Targets: at least 1,000/s, p99 at most 50 ms.
/// The turns the accepted messages start run meanwhile on [jobWorkers] Hangfire workers (default 1), as on a node that takes webhooks.
/// Args: [seconds=10] [concurrency=16] [jobWorkers=1].
/// </summary>
public sealed class WhatsAppIngestBenchmark : IBenchmark
{
    public string Name => "whatsapp-ingest";
    public string Description => "signed WhatsApp webhooks accepted per second over loopback, p99 accept (target >= 1000/s, p99 <= 50 ms)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
        var jobWorkers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        await using var host = await WhatsAppBenchHost.StartAsync(realSocket: true, jobWorkers);
        host.Graph.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200)
            .WithBody("""{"messaging_product":"whatsapp","contacts":[],"messages":[{"id":"wamid.bench"}]}"""));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = host.App.ServerAddress };

        // Warm-up: JIT, connection pool, shop lookup cache.
        for (var i = 0; i < 50; i++) await PostAsync(http, i, null, cancellationToken);

        var latencies = new LatencyRecorder();
        var next = 1000;
        var errors = 0;
        var stopwatch = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (stopwatch.Elapsed < until && !cancellationToken.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                if (!await PostAsync(http, i, latencies, cancellationToken)) Interlocked.Increment(ref errors);
            }
        }).ToList();
        await Task.WhenAll(workers);
        var elapsed = stopwatch.Elapsed.TotalSeconds;

        var rate = latencies.Count / elapsed;
        Console.WriteLine($"whatsapp-ingest: {latencies.Count} webhooks in {elapsed:F1} s with {concurrency} clients and {jobWorkers} job workers = {rate:F0}/s, errors {errors}");
        Console.WriteLine(latencies.Summary("accept latency"));
        var ok = rate >= 1000 && latencies.Percentile(99) <= 50 && errors == 0;
        Console.WriteLine(ok ? "targets met (>= 1000/s, p99 <= 50 ms)" : "targets NOT met (>= 1000/s, p99 <= 50 ms)");
        return ok ? 0 : 1;
    }

    private static async Task<bool> PostAsync(HttpClient http, int i, LatencyRecorder? latencies, CancellationToken cancellationToken)
    {
        using var request = WhatsAppBenchHost.SignedPost(WhatsAppBenchHost.TextNotification(
            WhatsAppBenchHost.Phone(i % 5000), $"wamid.bench.{i}.{Guid.NewGuid():N}", "do you have scented candles"));
        var start = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, cancellationToken);
        latencies?.Add(LatencyRecorder.Elapsed(start));
        return response.IsSuccessStatusCode;
    }
}
