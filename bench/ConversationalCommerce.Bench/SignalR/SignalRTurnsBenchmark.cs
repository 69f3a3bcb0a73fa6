using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;

namespace ConversationalCommerce.Bench.SignalR;

/// <summary>
/// Full widget turns through SignalR (Send -> the assistant's message event) at several numbers of concurrently active
/// connections, each level next to a bare SignalR echo round trip measured in the same run on the same server.
/// Usage: signalr-turns [--levels 1,100,500] [--seconds 20]
/// </summary>
public sealed class SignalRTurnsBenchmark : IBenchmark
{
    private static readonly string[] Questions =
    [
        "a birthday gift for my mom under $50", "something cosy in blue, size M", "do you have scarves?",
        "show me cheaper options", "which one do you recommend?", "what goes well with the wool scarf?",
        "gift for a 10 year old who likes puzzles", "do you ship to Canada?",
    ];

    public string Name => "signalr-turns";
    public string Description => "Widget turns through SignalR (send -> reply) p50/p99 at 1/100/500 connections vs a bare echo; turns/s, errors";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var levels = Arg(args, "--levels", "1,100,500").Split(',').Select(int.Parse).ToArray();
        var duration = TimeSpan.FromSeconds(double.Parse(Arg(args, "--seconds", "20"), CultureInfo.InvariantCulture));
        await using var server = await BenchServer.StartAsync(cancellationToken);
        var key = await server.DemoWidgetKeyAsync(cancellationToken);
        var tokens = await server.SessionsAsync(key, levels.Max(), cancellationToken);

        // Warm-up: JIT, the search index and the database caches.
        await RunTurnsAsync(server, tokens[..Math.Min(4, tokens.Length)], TimeSpan.FromSeconds(5), cancellationToken);

        Console.WriteLine($"{"connections",11} | {"echo p50",9} {"echo p99",9} | {"turn p50",9} {"turn p99",9} | {"turns/s",8} {"turns",7} {"errors",6} | server CPU/turn, /echo");
        foreach (var level in levels)
        {
            var cpu = server.CpuTime();
            var echo = await RunEchoAsync(server, level, duration, cancellationToken);
            var echoCpu = (server.CpuTime() - cpu).TotalMilliseconds / Math.Max(1, echo.Latency.Count);
            cpu = server.CpuTime();
            var turns = await RunTurnsAsync(server, tokens[..level], duration, cancellationToken);
            var turnCpu = (server.CpuTime() - cpu).TotalMilliseconds / Math.Max(1, turns.Latency.Count);
            Console.WriteLine($"{level,11} | {echo.Latency.Percentile(50),7:F2}ms {echo.Latency.Percentile(99),7:F2}ms | " +
                              $"{turns.Latency.Percentile(50),7:F2}ms {turns.Latency.Percentile(99),7:F2}ms | " +
                              $"{turns.Latency.Count / turns.Elapsed.TotalSeconds,8:F1} {turns.Latency.Count,7} {turns.Errors,6} | {turnCpu,6:F2}ms {echoCpu,6:F3}ms | echo errors {echo.Errors}, load {Load()}");
        }
        Console.WriteLine($"server RSS at the end: {server.RssBytes() / 1024.0 / 1024.0:F0} MiB");
        return 0;
    }

    private sealed record Result(LatencyRecorder Latency, int Errors, TimeSpan Elapsed);

    /// <summary>
    /// The floor: the echo hub answers a Send like the chat hub (a message event to the caller, then the ack) without a
    /// turn, over a WebSocket connection with the same JSON protocol, timed the same way (invoke -> message event).
    /// </summary>
    private static async Task<Result> RunEchoAsync(BenchServer server, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        var hubs = await ConnectAsync(server, "/hubs/echo", Enumerable.Repeat<string?>(null, connections).ToArray(), cancellationToken);
        return await MeasureAsync(hubs, (index, turn) => "ping", duration, cancellationToken);
    }

    private static async Task<Result> RunTurnsAsync(BenchServer server, string[] tokens, TimeSpan duration, CancellationToken cancellationToken)
    {
        var hubs = await ConnectAsync(server, "/hubs/chat", tokens, cancellationToken);
        return await MeasureAsync(hubs, (index, turn) => Questions[(index + turn) % Questions.Length], duration, cancellationToken);
    }

    /// <summary>Each connection sends, waits for the assistant's message event (the latency) and the ack, then sends again.</summary>
    private static async Task<Result> MeasureAsync(HubConnection[] hubs, Func<int, int, string> textFor, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latency = new LatencyRecorder();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(hubs.Select(async (hub, index) =>
        {
            TaskCompletionSource<long>? pending = null;
            using var subscription = hub.On<MessageEvent>("message", m =>
            {
                if (m.Role == "assistant") pending?.TrySetResult(Stopwatch.GetTimestamp());
            });
            var turn = 0;
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var reply = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                pending = reply;
                var start = Stopwatch.GetTimestamp();
                try
                {
                    var text = textFor(index, turn++);
                    var ack = await hub.InvokeAsync<AckEvent>("Send", new { clientMessageId = Guid.NewGuid().ToString(), text }, cancellationToken);
                    if (!ack.Accepted)
                    {
                        Interlocked.Increment(ref errors);
                        continue;
                    }
                    var arrived = await reply.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
                    latency.Add(Stopwatch.GetElapsedTime(start, arrived).TotalMilliseconds);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var elapsed = clock.Elapsed;
        await Task.WhenAll(hubs.Select(h => h.DisposeAsync().AsTask()));
        return new Result(latency, errors, elapsed);
    }

    internal static async Task<HubConnection[]> ConnectAsync(BenchServer server, string path, string?[] tokens, CancellationToken cancellationToken)
    {
        var hubs = tokens.Select(t => server.Connection(path, t)).ToArray();
        await Parallel.ForEachAsync(hubs, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (hub, ct) => await hub.StartAsync(ct));
        return hubs;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static string Arg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private sealed record MessageEvent(string Role, long Seq);

    private sealed record AckEvent(bool Accepted);
}
