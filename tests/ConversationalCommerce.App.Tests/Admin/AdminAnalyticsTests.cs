using System.Net;
using System.Net.Http.Json;
using ConversationalCommerce.App.Features.Admin;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Conversation;
using ConversationalCommerce.Engine.Replies;
using ConversationalCommerce.Testing;

namespace ConversationalCommerce.App.Tests.Admin;

public sealed class AdminAnalyticsTests
{
    private const string Shop2 = "tea-house.myshopify.com";

    [Fact]
    public async Task Analytics_match_a_known_sequence_of_turns_on_sqlite()
    {
        using var app = new AdminTestApp();
        await RunAsync(app, await app.InstallAsync(Shop.DemoDomain), Shop.DemoDomain);
    }

    [Fact]
    public async Task Analytics_match_a_known_sequence_of_turns_on_postgresql()
    {
        await using var pg = await PostgresServer.CreateDatabaseAsync();
        using var app = new AdminTestApp(seedDemo: false);
        app.UsePostgres(pg.ConnectionString).WithSetting("Hangfire:Storage", "InMemory");
        var shopId = await app.InstallAsync("pg-shop.myshopify.com");
        await AddProductsAsync(app, shopId);
        await RunAsync(app, shopId, "pg-shop.myshopify.com");

        // The conversation list's filters (lower-cased text match, channel, status) translate on PostgreSQL too.
        var page = (await app.AdminClient("pg-shop.myshopify.com")
            .GetFromJsonAsync<ConversationPage>("/api/admin/conversations?q=HEADPHONES&channel=Api&status=Open"))!;
        var row = Assert.Single(page.Items);
        Assert.Equal(["api"], row.Channels);
        Assert.Equal(2, row.MessageCount);
    }

    [Fact]
    public async Task Analytics_refuse_a_window_outside_one_to_365_days()
    {
        using var app = new AdminTestApp(seedDemo: false);
        await app.InstallAsync(Shop2);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.AdminClient(Shop2).GetAsync("/api/admin/analytics?days=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.AdminClient(Shop2).GetAsync("/api/admin/analytics?days=366")).StatusCode);
    }

    /// <summary>A small catalog for the PostgreSQL shop (the demo store is not seeded there), added before any search.</summary>
    private static Task AddProductsAsync(AdminTestApp app, Guid shopId) => app.WithDbAsync(shopId, async db =>
    {
        var items = new (string Title, string Type, string Tags, decimal Price)[]
        {
            ("Studio Wireless Headphones", "Headphones", "audio, headphones, wireless", 89m),
            ("Compact Earbud Headphones", "Headphones", "audio, headphones", 39m),
            ("Lavender Scented Candle", "Candles", "gift, candle, home, mom", 24m),
            ("Silk Scarf in Rose", "Scarves", "gift, scarf, women, mom", 45m),
            ("Ceramic Tea Mug", "Mugs", "gift, kitchen, mug", 18m),
        };
        var n = 0;
        foreach (var (title, type, tags, price) in items)
        {
            n++;
            db.Products.Add(new ConversationalCommerce.Domain.Catalog.Product
            {
                ShopId = shopId, ShopifyId = 9000 + n, Handle = title.ToLowerInvariant().Replace(' ', '-'), Title = title,
                ProductType = type, Tags = tags, Vendor = "Tea House", BodyHtml = $"<p>{title}.</p>",
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
                Variants = [new() { ShopId = shopId, ShopifyId = 19000 + n, Price = price, InventoryQuantity = 5 }],
            });
        }
        return await db.SaveChangesAsync();
    });

    private static async Task RunAsync(AdminTestApp app, Guid shopId, string domain)
    {
        // Three conversations: 3 turns (widget), 1 turn (api), 2 turns (widget then api).
        var script = new (Guid Id, Channel Channel, string Text)[]
        {
            (Guid.NewGuid(), Channel.Widget, "a birthday gift for my mom under $50"),
            (Guid.Empty, Channel.Widget, "something cheaper"),
            (Guid.Empty, Channel.Widget, "I want to talk to a person"),
            (Guid.NewGuid(), Channel.Api, "show me headphones"),
            (Guid.NewGuid(), Channel.Widget, "hello"),
            (Guid.Empty, Channel.Api, "what is your returns policy?"),
        };
        var replies = new List<Reply>();
        var current = Guid.Empty;
        foreach (var (id, channel, text) in script)
        {
            if (id != Guid.Empty) current = id;
            replies.Add((await app.TurnAsync(shopId, current, channel, text)).Reply);
        }
        // Another shop's turn never counts.
        var otherId = await app.InstallAsync("other-" + Guid.NewGuid().ToString("N")[..6] + ".myshopify.com");
        await app.TurnAsync(otherId, Guid.NewGuid(), Channel.Email, "show me headphones");

        var a = (await app.AdminClient(domain).GetFromJsonAsync<AnalyticsView>("/api/admin/analytics?days=30"))!;

        Assert.Equal(30, a.Days);
        Assert.Equal(3, a.Conversations);
        Assert.Equal(6, a.ShopperMessages);
        Assert.Equal(30, a.PerDay.Count);
        var today = a.PerDay[^1];
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), today.Day);
        Assert.Equal((3, 6), (today.Conversations, today.ShopperMessages));
        Assert.Equal([new NamedCount("widget", 4), new NamedCount("api", 2)], a.ShopperMessagesPerChannel);

        var expectedIntents = replies.Where(r => r.Intent.Length > 0).GroupBy(r => r.Intent)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new NamedCount(g.Key, g.Count())).ToList();
        Assert.Equal(expectedIntents, a.TopIntents);
        Assert.Contains(a.TopIntents, i => i.Name == replies[0].Intent);

        Assert.True(a.RecommendationTurns >= 2, "the gift and headphone turns show products");
        Assert.Equal(replies.Count(r => r.Products.Count > 0), a.RecommendationTurns);
        Assert.Equal(replies.Sum(r => r.Products.Count), a.ProductsShown);
        Assert.Equal(replies.Sum(r => r.Actions.Count(x => x.Kind == ReplyActions.AddToCart)), a.AddToCartActions);
        Assert.Equal(replies.Sum(r => r.Actions.Count(x => x.Kind == ReplyActions.Handoff)), a.Handoffs);
        Assert.Equal(0, a.OptOuts);
        Assert.Equal(2, a.MedianAssistantMessagesPerConversation);
    }
}
