using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ConversationalCommerce.Bench.WhatsApp;

/// <summary>
/// One WhatsApp turn end to end, in process: signed webhook in, inbox job, conversation engine on the demo catalog,
/// outbox job, until the Graph API call arrives at WireMock. One message at a time; p99 target at most 100 ms.
/// Args: [turns=200].
/// </summary>
public sealed class WhatsAppTurnBenchmark : IBenchmark
{
    public string Name => "whatsapp-turn";
    public string Description => "inbound WhatsApp message to the outbound Graph API call, p99 in-process (target <= 100 ms)";

    private static readonly string[] Questions =
    [
        "a birthday gift for my mom under $50", "do you have scented candles", "something for a coffee lover",
        "wool scarf in blue", "cheaper please", "gift for my dad who likes cooking", "tell me more about the second one",
    ];

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var turns = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        await using var host = await WhatsAppBenchHost.StartAsync(realSocket: false);
        var arrivals = new ConcurrentDictionary<string, TaskCompletionSource<long>>();
        host.Graph.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithCallback(request =>
        {
            var to = (string?)JsonNode.Parse(request.Body!)?["to"];
            if (to is not null && arrivals.TryGetValue(to, out var arrival)) arrival.TrySetResult(Stopwatch.GetTimestamp());
            return new WireMock.ResponseMessage
            {
                StatusCode = 200,
                BodyData = new WireMock.Util.BodyData
                {
                    BodyAsString = """{"messaging_product":"whatsapp","contacts":[],"messages":[{"id":"wamid.bench"}]}""",
                    DetectedBodyType = WireMock.Types.BodyType.String,
                },
            };
        }));
        using var http = host.App.CreateClient();

        var latencies = new LatencyRecorder();
        var failures = 0;
        const int warmup = 20;
        for (var i = 0; i < warmup + turns && !cancellationToken.IsCancellationRequested; i++)
        {
            // A few customers, several turns each, so threads carry history and state like real ones.
            var from = WhatsAppBenchHost.Phone(100 + i % 25);
            var to = "+" + from;
            var arrival = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            arrivals[to] = arrival;
            using var request = WhatsAppBenchHost.SignedPost(WhatsAppBenchHost.TextNotification(from, $"wamid.turn.{i}.{Guid.NewGuid():N}", Questions[i % Questions.Length]));
            var start = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request, cancellationToken);
            try
            {
                var end = await arrival.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                if (i >= warmup) latencies.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
            }
            catch (TimeoutException)
            {
                failures++;
                Console.WriteLine($"turn {i} ('{Questions[i % Questions.Length]}' from {to}) got no outbound call within 10 s");
            }
            arrivals.TryRemove(to, out _);
        }

        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConversationalCommerce.Data.AppDbContext>();
            var inbox = await db.Inbox.AsNoTracking().Where(m => m.Source == "whatsapp").ToListAsync(cancellationToken);
            var outbox = await db.Outbox.IgnoreQueryFilters().AsNoTracking().ToListAsync(cancellationToken);
            var inboxMs = inbox.Where(m => m.ProcessedAt != null).Select(m => (m.ProcessedAt!.Value - m.ReceivedAt).TotalMilliseconds).Order().ToList();
            var outboxMs = outbox.Where(m => m.SentAt != null).Select(m => (m.SentAt!.Value - m.CreatedAt).TotalMilliseconds).Order().ToList();
            foreach (var failed in inbox.Where(m => m.Error != null || m.Status != ConversationalCommerce.Domain.Messaging.InboxStatus.Done))
                Console.WriteLine($"inbox {failed.DedupeKey}: {failed.Status} after {failed.Attempts} attempts: {failed.Error}");
            Console.WriteLine($"inbox received->processed p50 {inboxMs[inboxMs.Count / 2]:F0} ms; outbox created->sent p50 {outboxMs[outboxMs.Count / 2]:F0} ms; outbox states: {string.Join(", ", outbox.GroupBy(o => o.Status).Select(g => $"{g.Key}={g.Count()}"))}");
        }
        Console.WriteLine($"whatsapp-turn: {latencies.Count} turns, {failures} without an outbound call within 10 s");
        Console.WriteLine(latencies.Summary("webhook to Graph API call"));
        var ok = latencies.Percentile(99) <= 100 && failures == 0;
        Console.WriteLine(ok ? "target met (p99 <= 100 ms)" : "target NOT met (p99 <= 100 ms)");
        return ok ? 0 : 1;
    }
}
