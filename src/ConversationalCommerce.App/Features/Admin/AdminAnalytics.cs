using System.Text.Json;
using ConversationalCommerce.Channels.Widget.Hub;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Engine.Replies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.App.Features.Admin;

public sealed record DayCount(DateOnly Day, int Conversations, int ShopperMessages);

public sealed record NamedCount(string Name, int Count);

public sealed record AnalyticsView(
    int Days, DateTimeOffset Since,
    int Conversations, int ShopperMessages,
    IReadOnlyList<DayCount> PerDay,
    IReadOnlyList<NamedCount> ShopperMessagesPerChannel,
    IReadOnlyList<NamedCount> TopIntents,
    int RecommendationTurns, int ProductsShown, int AddToCartActions, int Handoffs, int OptOuts,
    double MedianAssistantMessagesPerConversation);

/// <summary>
/// Figures over the last N days (UTC days). The database filters by shop and time and returns narrow rows; the
/// grouping by day and the reading of each stored reply's intent and actions happen here, streamed row by row,
/// because date functions and JSON access differ between SQLite, PostgreSQL and SQL Server.
/// </summary>
internal static class AdminAnalytics
{
    public const int MaxDays = 365;
    private const int TopIntentCount = 10;

    public static async Task<Results<Ok<AnalyticsView>, ValidationProblem>> GetAsync(AppDbContext db, TimeProvider time, int? days, CancellationToken ct)
    {
        var window = days ?? 30;
        if (window is < 1 or > MaxDays)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["days"] = [$"Between 1 and {MaxDays}."] });
        return TypedResults.Ok(await ComputeAsync(db, time.GetUtcNow(), window, ct));
    }

    public static async Task<AnalyticsView> ComputeAsync(AppDbContext db, DateTimeOffset now, int window, CancellationToken ct)
    {
        var firstDay = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1 - window);
        var since = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var perDay = new SortedDictionary<DateOnly, (int Conversations, int Messages)>();
        for (var d = firstDay; d <= DateOnly.FromDateTime(now.UtcDateTime); d = d.AddDays(1)) perDay[d] = (0, 0);

        var started = await db.Conversations.AsNoTracking().Where(c => c.StartedAt >= since).Select(c => c.StartedAt).ToListAsync(ct);
        foreach (var at in started)
            if (perDay.TryGetValue(DateOnly.FromDateTime(at.UtcDateTime), out var v)) perDay[DateOnly.FromDateTime(at.UtcDateTime)] = (v.Conversations + 1, v.Messages);

        var perChannel = new Dictionary<Channel, int>();
        var shopperMessages = 0;
        await foreach (var m in db.Messages.AsNoTracking().Where(m => m.Role == MessageRole.Shopper && m.CreatedAt >= since)
                           .Select(m => new { m.CreatedAt, m.Channel }).AsAsyncEnumerable().WithCancellation(ct))
        {
            shopperMessages++;
            perChannel[m.Channel] = perChannel.GetValueOrDefault(m.Channel) + 1;
            var day = DateOnly.FromDateTime(m.CreatedAt.UtcDateTime);
            if (perDay.TryGetValue(day, out var v)) perDay[day] = (v.Conversations, v.Messages + 1);
        }

        var intents = new Dictionary<string, int>(StringComparer.Ordinal);
        var assistantPerConversation = new Dictionary<Guid, int>();
        int recommendationTurns = 0, productsShown = 0, addToCart = 0, handoffs = 0;
        await foreach (var m in db.Messages.AsNoTracking().Where(m => m.Role == MessageRole.Assistant && m.CreatedAt >= since)
                           .Select(m => new { m.ConversationId, m.PayloadJson }).AsAsyncEnumerable().WithCancellation(ct))
        {
            assistantPerConversation[m.ConversationId] = assistantPerConversation.GetValueOrDefault(m.ConversationId) + 1;
            var facts = ReplyFacts.Read(m.PayloadJson);
            if (facts.Intent.Length > 0) intents[facts.Intent] = intents.GetValueOrDefault(facts.Intent) + 1;
            if (facts.Products > 0) { recommendationTurns++; productsShown += facts.Products; }
            addToCart += facts.Actions.Count(a => a == ReplyActions.AddToCart);
            handoffs += facts.Actions.Count(a => a == ReplyActions.Handoff);
        }

        // Opt-outs from every source (WhatsApp STOP, email unsubscribe, merchant), not only those said in a turn.
        var optOuts = await db.ChannelIdentities.AsNoTracking().CountAsync(i => i.OptedOutAt != null && i.OptedOutAt >= since, ct);

        return new AnalyticsView(
            window, since, started.Count, shopperMessages,
            perDay.Select(kv => new DayCount(kv.Key, kv.Value.Conversations, kv.Value.Messages)).ToList(),
            perChannel.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key)
                .Select(kv => new NamedCount(HistoryMessages.ChannelName(kv.Key), kv.Value)).ToList(),
            intents.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(TopIntentCount)
                .Select(kv => new NamedCount(kv.Key, kv.Value)).ToList(),
            recommendationTurns, productsShown, addToCart, handoffs, optOuts,
            Median(assistantPerConversation.Values));
    }

    internal static double Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return 0;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /// <summary>The few fields of a stored reply the figures need, read without building the whole reply.</summary>
    private readonly record struct ReplyFacts(string Intent, int Products, IReadOnlyList<string> Actions)
    {
        private static readonly ReplyFacts None = new("", 0, []);

        public static ReplyFacts Read(string? json)
        {
            if (string.IsNullOrWhiteSpace(json)) return None;
            try
            {
                using var doc = JsonDocument.Parse(json);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return None;
                var intent = root.TryGetProperty("intent", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() ?? "" : "";
                var products = root.TryGetProperty("products", out var p) && p.ValueKind == JsonValueKind.Array ? p.GetArrayLength() : 0;
                var actions = new List<string>();
                if (root.TryGetProperty("actions", out var a) && a.ValueKind == JsonValueKind.Array)
                    foreach (var action in a.EnumerateArray())
                        if (action.ValueKind == JsonValueKind.Object && action.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String)
                            actions.Add(k.GetString()!);
                return new ReplyFacts(intent, products, actions);
            }
            catch (JsonException)
            {
                return None;
            }
        }
    }
}
