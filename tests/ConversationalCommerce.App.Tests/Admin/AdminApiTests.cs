using System.Net;
using System.Net.Http.Json;
using ConversationalCommerce.App.Features.Admin;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Shops;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.App.Tests.Admin;

public sealed class AdminApiTests : IClassFixture<AdminApiTests.DemoAdmin>
{
    private const string OtherShop = "tea-house.myshopify.com";

    /// <summary>One app with the demo store (installed with a token) and a second shop, shared by the tests of this class.</summary>
    public sealed class DemoAdmin : IAsyncLifetime
    {
        public AdminTestApp App { get; } = new();
        public Guid DemoId { get; private set; }
        public Guid OtherId { get; private set; }

        public async Task InitializeAsync()
        {
            DemoId = await App.InstallAsync(Shop.DemoDomain);
            OtherId = await App.InstallAsync(OtherShop);
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private readonly DemoAdmin _fixture;
    private readonly AdminTestApp _app;

    public AdminApiTests(DemoAdmin fixture)
    {
        _fixture = fixture;
        _app = fixture.App;
    }

    [Fact]
    public async Task Overview_counts_the_shops_catalog_customers_orders_and_conversations()
    {
        await _app.TurnAsync(_fixture.DemoId, Guid.NewGuid(), Channel.Widget, "a birthday gift for my mom under $50");
        var expected = await _app.WithDbAsync(_fixture.DemoId, async db => new
        {
            Products = await db.Products.CountAsync(),
            OutOfStock = (await db.Variants.ToListAsync()).Count(v => !v.IsAvailable),
            Purchasable = (await db.Products.Include(p => p.Variants).ToListAsync())
                .Count(p => p.Status == ProductStatus.Active && p.Published && p.Variants.Any(v => v.IsAvailable)),
            Customers = await db.Customers.CountAsync(),
            Orders = await db.Orders.CountAsync(),
            Open = await db.Conversations.CountAsync(c => c.Status == ConversationStatus.Open),
        });

        var overview = (await _app.AdminClient(Shop.DemoDomain).GetFromJsonAsync<AdminOverviewView>("/api/admin/overview"))!;

        Assert.Equal("Installed", overview.InstallState);
        Assert.Equal(350, overview.Catalog.Products);
        Assert.Equal(expected.Purchasable, overview.Catalog.Purchasable);
        Assert.InRange(overview.Catalog.Purchasable, 1, 349);
        Assert.Equal(expected.OutOfStock, overview.Catalog.VariantsOutOfStock);
        Assert.True(overview.Catalog.VariantsOutOfStock > 0);
        Assert.Equal(expected.Customers, overview.Customers);
        Assert.Equal(expected.Orders, overview.Orders);
        Assert.True(overview.Customers > 0 && overview.Orders > 0);
        Assert.Equal(expected.Open, overview.Conversations.Open);
        Assert.True(overview.Conversations.Open >= 1);
    }

    [Fact]
    public async Task Conversation_list_shows_visitor_channels_preview_status_and_message_count()
    {
        var id = Guid.NewGuid();
        await _app.TurnAsync(_fixture.DemoId, id, Channel.Widget, "zebra-marker: show me running shoes");
        var second = await _app.TurnAsync(_fixture.DemoId, id, Channel.Api, "something cheaper");

        var page = (await _app.AdminClient(Shop.DemoDomain).GetFromJsonAsync<ConversationPage>("/api/admin/conversations?q=ZEBRA-MARKER"))!;

        var row = Assert.Single(page.Items);
        Assert.Equal(1, page.Total);
        Assert.Equal(id, row.Id);
        Assert.Equal("Visitor", row.Customer);
        Assert.Equal(["api", "widget"], row.Channels);
        Assert.Equal(4, row.MessageCount);
        Assert.Equal("Open", row.Status);
        Assert.StartsWith(second.Reply.Text.ReplaceLineEndings(" ")[..Math.Min(40, second.Reply.Text.Length)], row.Preview);

        var byChannel = (await _app.AdminClient(Shop.DemoDomain).GetFromJsonAsync<ConversationPage>("/api/admin/conversations?channel=Api&limit=100"))!;
        Assert.Contains(byChannel.Items, r => r.Id == id);
        Assert.All(byChannel.Items, r => Assert.Contains("api", r.Channels));

        var bad = await _app.AdminClient(Shop.DemoDomain).GetAsync("/api/admin/conversations?status=Sleeping");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Conversation_thread_has_every_message_in_order_with_products_shown_and_intent()
    {
        var id = Guid.NewGuid();
        var first = await _app.TurnAsync(_fixture.DemoId, id, Channel.Widget, "a birthday gift for my mom under $50");
        await _app.TurnAsync(_fixture.DemoId, id, Channel.Api, "what is your returns policy?");

        var thread = (await _app.AdminClient(Shop.DemoDomain).GetFromJsonAsync<ConversationThread>($"/api/admin/conversations/{id}"))!;

        Assert.Equal([1L, 2, 3, 4], thread.Messages.Select(m => m.Seq));
        Assert.Equal(["shopper", "assistant", "shopper", "assistant"], thread.Messages.Select(m => m.Role));
        Assert.Equal(["widget", "widget", "api", "api"], thread.Messages.Select(m => m.Channel));
        var answer = thread.Messages[1];
        Assert.NotNull(answer.Reply);
        Assert.Equal(first.Reply.Intent, answer.Reply!.Intent);
        Assert.NotEmpty(answer.Reply.Products);
        Assert.Equal(first.Reply.Products.Select(p => p.ProductId), answer.Reply.Products.Select(p => p.ProductId));
        Assert.All(answer.Reply.Products, p => Assert.True(p.Price <= 50m));
        Assert.Null(thread.Messages[0].Reply);
    }

    [Fact]
    public async Task Another_shops_conversation_is_not_found_and_not_listed()
    {
        var theirs = Guid.NewGuid();
        await _app.TurnAsync(_fixture.OtherId, theirs, Channel.Widget, "hello there, kraken-marker");
        var client = _app.AdminClient(Shop.DemoDomain);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/admin/conversations/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/admin/conversations/{theirs}/messages", new { text = "hi" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/admin/conversations/{theirs}/status", new { status = "Closed" })).StatusCode);
        var page = (await client.GetFromJsonAsync<ConversationPage>("/api/admin/conversations?q=kraken-marker"))!;
        Assert.Empty(page.Items);

        // Its own shop sees it, and nothing was written into it by the other shop's attempts.
        var own = (await _app.AdminClient(OtherShop).GetFromJsonAsync<ConversationThread>($"/api/admin/conversations/{theirs}"))!;
        Assert.Equal(2, own.Messages.Count);
        Assert.Equal("Open", own.Status);
    }

    [Fact]
    public async Task Status_can_be_set_and_a_made_up_status_is_refused()
    {
        var id = Guid.NewGuid();
        await _app.TurnAsync(_fixture.DemoId, id, Channel.Widget, "hi");
        var client = _app.AdminClient(Shop.DemoDomain);

        var closed = await client.PostAsJsonAsync($"/api/admin/conversations/{id}/status", new { status = "Closed" });
        var bad = await client.PostAsJsonAsync($"/api/admin/conversations/{id}/status", new { status = "7" });

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var stored = await _app.WithDbAsync(_fixture.DemoId, db => db.Conversations.SingleAsync(c => c.Id == id));
        Assert.Equal(ConversationStatus.Closed, stored.Status);
    }

    [Fact]
    public async Task Settings_are_saved_and_returned_without_channel_secrets()
    {
        var client = _app.AdminClient(Shop.DemoDomain);
        var put = await client.PutAsJsonAsync("/api/admin/settings", new
        {
            assistantName = "Juniper", greeting = "Hello! What are you shopping for?", accentColor = "#AA3366",
            shippingPolicy = "Free shipping over $75.", returnsPolicy = "30 days.", paymentPolicy = "Cards and PayPal.",
        });
        put.EnsureSuccessStatusCode();

        var json = await client.GetStringAsync("/api/admin/settings");
        var settings = System.Text.Json.JsonSerializer.Deserialize<AdminSettingsView>(json, System.Text.Json.JsonSerializerOptions.Web)!;

        Assert.Equal("Juniper", settings.AssistantName);
        Assert.Equal("#aa3366", settings.AccentColor);
        Assert.Equal("Free shipping over $75.", settings.ShippingPolicy);
        Assert.Equal($"/api/admin/shops/{Shop.DemoDomain}/whatsapp", settings.ChannelSettings.WhatsApp);
        Assert.DoesNotContain("secret", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("encrypted", json, StringComparison.OrdinalIgnoreCase);
        var stored = await _app.ShopAsync(Shop.DemoDomain);
        Assert.Equal("Juniper", stored.Settings.AssistantName);
    }

    [Theory]
    [InlineData("blue", null)]
    [InlineData("#12345", null)]
    [InlineData("#1234567", null)]
    [InlineData("#1f6feb", 4001)]
    public async Task Settings_with_a_bad_colour_or_an_overlong_policy_are_refused(string colour, int? policyLength)
    {
        var before = await _app.ShopAsync(Shop.DemoDomain);
        var response = await _app.AdminClient(Shop.DemoDomain).PutAsJsonAsync("/api/admin/settings", new
        {
            assistantName = "Changed", greeting = "Hi", accentColor = colour,
            shippingPolicy = new string('x', policyLength ?? 10), returnsPolicy = "", paymentPolicy = "",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains(policyLength is null ? "accentColor" : "shippingPolicy", problem);
        Assert.Equal(before.Settings.AssistantName, (await _app.ShopAsync(Shop.DemoDomain)).Settings.AssistantName);
    }
}
