using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;

namespace ConversationalCommerce.Bench.SignalR;

/// <summary>
/// Many open, idle widget connections (each its own visitor and conversation group) and what they cost the server in
/// resident memory. Usage: signalr-idle [--connections 5000] [--idle-seconds 30]
/// </summary>
public sealed class SignalRIdleBenchmark : IBenchmark
{
    public string Name => "signalr-idle";
    public string Description => "5,000 concurrent idle widget connections: server RSS before, connected and after idling";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var count = int.Parse(Arg(args, "--connections", "5000"), CultureInfo.InvariantCulture);
        var idle = TimeSpan.FromSeconds(double.Parse(Arg(args, "--idle-seconds", "30"), CultureInfo.InvariantCulture));
        await using var server = await BenchServer.StartAsync(cancellationToken);
        var key = await server.DemoWidgetKeyAsync(cancellationToken);

        var sessionsStarted = System.Diagnostics.Stopwatch.StartNew();
        var tokens = await server.SessionsAsync(key, count, cancellationToken);
        Console.WriteLine($"{count} visitor sessions in {sessionsStarted.Elapsed.TotalSeconds:F1} s");
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var baseline = server.RssBytes();

        var connectStarted = System.Diagnostics.Stopwatch.StartNew();
        var hubs = await SignalRTurnsBenchmark.ConnectAsync(server, "/hubs/chat", tokens, cancellationToken);
        var connectSeconds = connectStarted.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var connected = server.RssBytes();

        await Task.Delay(idle, cancellationToken);
        var stillConnected = hubs.Count(h => h.State == HubConnectionState.Connected);
        var afterIdle = server.RssBytes();
        // One live call on a sample proves the idle connections still work, not merely that they are open.
        var sample = hubs.Where((_, i) => i % Math.Max(1, count / 50) == 0).ToArray();
        var answered = 0;
        foreach (var hub in sample)
            if ((await hub.InvokeAsync<List<object>>("History", new { afterSeq = 0 }, cancellationToken)) is not null) answered++;

        Console.WriteLine($"connections:          {count} opened in {connectSeconds:F1} s, {stillConnected} still connected after {idle.TotalSeconds:F0} s idle, {answered}/{sample.Length} sampled answered");
        Console.WriteLine($"server RSS baseline:  {Mib(baseline)} MiB (demo store loaded, {count} sessions created)");
        Console.WriteLine($"server RSS connected: {Mib(connected)} MiB");
        Console.WriteLine($"server RSS idle:      {Mib(afterIdle)} MiB");
        Console.WriteLine($"per connection:       {(afterIdle - baseline) / 1024.0 / count:F1} KiB");

        await Parallel.ForEachAsync(hubs, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (hub, _) => await hub.DisposeAsync());
        return stillConnected == count ? 0 : 1;
    }

    private static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F0", CultureInfo.InvariantCulture);

    private static string Arg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
