using System.Text.Json.Nodes;
using ConversationalCommerce.Channels.Tests.WhatsApp;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Customers;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Engine.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.ResponseBuilders;

namespace ConversationalCommerce.Channels.Tests.Delivery;

/// <summary>Replies through the outbox to the Graph API (WireMock): exact payloads, retries, permanent failures, consent, order.</summary>
public sealed class WhatsAppDeliveryTests(WhatsAppTestApp wa) : IClassFixture<WhatsAppTestApp>
{
    private static readonly TimeSpan RecentInbound = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Text_reply_is_posted_as_a_text_message_with_the_shops_token()
    {
        const string to = "+16505550101";
        wa.GraphAccepts(to, "wamid.text-1");
        var (_, _, messageId) = await wa.SeedThreadAsync(to, RecentInbound);

        Assert.Equal(ConversationalCommerce.Channels.Delivery.DeliveryOutcome.Queued,
            await wa.DeliverAsync(messageId, new Reply { Text = "We open at 9am. Anything else?" }));

        var row = await wa.WaitForSendAsync(messageId, OutboxStatus.Sent);
        Assert.Equal("wamid.text-1", row.ProviderMessageId);
        Assert.Equal(DeliveryStatus.Sent, (await wa.MessageAsync(messageId)).DeliveryStatus);
        AssertJson("""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505550101","type":"text",
             "text":{"preview_url":false,"body":"We open at 9am. Anything else?"}}
            """, Assert.Single(wa.SentTo(to)));
    }

    [Fact]
    public async Task Several_products_go_out_as_an_interactive_list_within_metas_limits()
    {
        const string to = "+16505550102";
        wa.GraphAccepts(to);
        var (_, _, messageId) = await wa.SeedThreadAsync(to, RecentInbound);
        var candle = Guid.Parse("0b9f2c4e-1111-4a4a-9b9b-000000000001");
        var mug = Guid.Parse("0b9f2c4e-1111-4a4a-9b9b-000000000002");
        var reply = new Reply
        {
            Text = "Here are two gifts she might love:",
            Products =
            [
                Card(candle, "Hand-poured Lavender Soy Candle Gift Set", 24m, 30m, "Wick & Wax"),
                Card(mug, "Stoneware Mug", 18.5m, null, ""),
            ],
            QuickReplies = ["Cheaper", "Something else"],
        };

        await wa.DeliverAsync(messageId, reply);

        await wa.WaitForSendAsync(messageId, OutboxStatus.Sent);
        AssertJson("""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505550102","type":"interactive",
             "interactive":{"type":"list",
               "body":{"text":"Here are two gifts she might love:"},
               "action":{"button":"See products","sections":[{"title":"Products","rows":[
                 {"id":"p:0b9f2c4e11114a4a9b9b000000000001","title":"Hand-poured Lavender So…","description":"$24.00 (was $30.00) - Wick & Wax"},
                 {"id":"p:0b9f2c4e11114a4a9b9b000000000002","title":"Stoneware Mug","description":"$18.50"}]}]}}}
            """, Assert.Single(wa.SentTo(to)));
    }

    [Fact]
    public async Task List_never_has_more_than_ten_rows()
    {
        const string to = "+16505550103";
        wa.GraphAccepts(to);
        var (_, _, messageId) = await wa.SeedThreadAsync(to, RecentInbound);
        var products = Enumerable.Range(1, 14).Select(i => Card(Guid.NewGuid(), $"Gift {i}", i, null, "")).ToList();

        await wa.DeliverAsync(messageId, new Reply { Text = "Lots of choice:", Products = products });

        await wa.WaitForSendAsync(messageId, OutboxStatus.Sent);
        var rows = Assert.Single(wa.SentTo(to))["interactive"]!["action"]!["sections"]![0]!["rows"]!.AsArray();
        Assert.Equal(10, rows.Count);
        Assert.Equal("Gift 10", (string?)rows[9]!["title"]);
    }

    [Fact]
    public async Task Quick_replies_go_out_as_at_most_three_reply_buttons()
    {
        const string to = "+16505550104";
        wa.GraphAccepts(to);
        var (_, _, messageId) = await wa.SeedThreadAsync(to, RecentInbound);

        await wa.DeliverAsync(messageId, new Reply
        {
            Text = "Who is the gift for?",
            QuickReplies = ["Under $25", "For a colleague who loves coffee", "Show me more", "A fourth choice"],
        });

        await wa.WaitForSendAsync(messageId, OutboxStatus.Sent);
        AssertJson("""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505550104","type":"interactive",
             "interactive":{"type":"button","body":{"text":"Who is the gift for?"},
               "action":{"buttons":[
                 {"type":"reply","reply":{"id":"qr:Under $25","title":"Under $25"}},
                 {"type":"reply","reply":{"id":"qr:For a colleague who loves coffee","title":"For a colleague who…"}},
                 {"type":"reply","reply":{"id":"qr:Show me more","title":"Show me more"}}]}}}
            """, Assert.Single(wa.SentTo(to)));
    }

    [Fact]
    public async Task One_product_goes_out_as_an_image_with_caption_and_absolute_link()
    {
        const string to = "+16505550105";
        wa.GraphAccepts(to);
        var (_, _, messageId) = await wa.SeedThreadAsync(to, RecentInbound);
        var card = Card(Guid.NewGuid(), "Lavender Candle", 24m, null, "Wick & Wax") with
        {
            ImageUrl = "https://cdn.shopify.com/s/files/1/0001/lavender.jpg", Url = "/products/lavender-candle",
        };

        await wa.DeliverAsync(messageId, new Reply { Text = "This one is a favourite:", Products = [card] });

        await wa.WaitForSendAsync(messageId, OutboxStatus.Sent);
        AssertJson("""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505550105","type":"image",
             "image":{"link":"https://cdn.shopify.com/s/files/1/0001/lavender.jpg",
               "caption":"This one is a favourite:\n\nLavender Candle - $24.00\nhttps://wa-gifts.myshopify.com/products/lavender-candle"}}
            """, Assert.Single(wa.SentTo(to)));
    }

    [Fact]
    public async Task Product_without_a_public_image_goes_out_as_text_with_link_preview()
    {
        const string to = "+16505550106";
        wa.GraphAccepts(to);
        var (_, _, messageId) = await wa.SeedThreadAsync(to, RecentInbound);
        var card = Card(Guid.NewGuid(), "Lavender Candle", 24m, null, "") with { ImageUrl = "/demo-assets/products/lavender-candle.svg", Url = "/products/lavender-candle" };

        await wa.DeliverAsync(messageId, new Reply { Text = "Try this:", Products = [card] });

        await wa.WaitForSendAsync(messageId, OutboxStatus.Sent);
        AssertJson("""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505550106","type":"text",
             "text":{"preview_url":true,"body":"Try this:\n\nLavender Candle - $24.00\nhttps://wa-gifts.myshopify.com/products/lavender-candle"}}
            """, Assert.Single(wa.SentTo(to)));
    }

    [Fact]
    public async Task Outside_the_24_hour_window_only_the_configured_template_is_sent()
    {
        const string to = "+16505550107";
        wa.GraphAccepts(to);
        var (_, _, messageId) = await wa.SeedThreadAsync(to, TimeSpan.FromHours(25));

        await wa.DeliverAsync(messageId, new Reply
        {
            Text = "Good news:\nthe candle   you asked about     is back in stock.",
            Products = [Card(Guid.NewGuid(), "Lavender Candle", 24m, null, "")],
        });

        await wa.WaitForSendAsync(messageId, OutboxStatus.Sent);
        AssertJson("""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505550107","type":"template",
             "template":{"name":"order_followup","language":{"code":"en_US"},
               "components":[{"type":"body","parameters":[{"type":"text","text":"Good news: the candle you asked about is back in stock."}]}]}}
            """, Assert.Single(wa.SentTo(to)));
    }

    [Fact]
    public async Task Outside_the_window_without_a_template_for_the_purpose_fails_permanently_without_calling_meta()
    {
        const string to = "+16505550108";
        wa.GraphAccepts(to);
        var (_, conversationId, messageId) = await wa.SeedThreadAsync(to, TimeSpan.FromDays(3));

        await wa.WithScopeAsync(s => s.GetRequiredService<ConversationalCommerce.Channels.Delivery.ChannelNotices>()
            .SendAsync(conversationId, Channel.WhatsApp, to, "We have restocked!", "notice", "notice:test-108", null, CancellationToken.None));

        var row = await wa.EventuallyAsync(db => db.Outbox.AsNoTracking().FirstOrDefaultAsync(o => o.ConversationId == conversationId),
            o => o?.Status == OutboxStatus.Failed);
        var message = await wa.MessageAsync(row!.MessageId);
        Assert.Equal(DeliveryStatus.Failed, message.DeliveryStatus);
        Assert.Contains("more than 24 hours ago", message.DeliveryError);
        Assert.Contains("no approved template is configured for 'notice'", message.DeliveryError);
        Assert.Empty(wa.SentTo(to));
        _ = messageId;
    }

    [Fact]
    public async Task Rate_limited_send_is_retried_after_retry_after_then_succeeds()
    {
        const string to = "+16505550109";
        wa.Graph.Given(wa.ToRecipient(to)).InScenario("rate-109").WillSetStateTo("limited-once")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1").WithHeader("Content-Type", "application/json")
                .WithBody(WhatsAppTestApp.GraphError(130429, "(#130429) Rate limit hit", "Cloud API message throughput has been reached.")));
        wa.Graph.Given(wa.ToRecipient(to)).InScenario("rate-109").WhenStateIs("limited-once")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody("""{"messaging_product":"whatsapp","contacts":[{"input":"+16505550109","wa_id":"16505550109"}],"messages":[{"id":"wamid.after-429"}]}"""));
        var (_, _, messageId) = await wa.SeedThreadAsync(to, RecentInbound);

        await wa.DeliverAsync(messageId, new Reply { Text = "Back in a moment" });

        var row = await wa.WaitForSendAsync(messageId, OutboxStatus.Sent, TimeSpan.FromSeconds(30));
        Assert.Equal(2, row.Attempts);
        Assert.Equal("wamid.after-429", row.ProviderMessageId);
        var calls = wa.Graph.LogEntries.Where(e => e.RequestMessage.Body?.Contains(to) == true).OrderBy(e => e.RequestMessage.DateTime).ToList();
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].RequestMessage.DateTime - calls[0].RequestMessage.DateTime >= TimeSpan.FromSeconds(0.9), "Retry-After was not honoured");
        Assert.Equal(DeliveryStatus.Sent, (await wa.MessageAsync(messageId)).DeliveryStatus);
    }

    [Fact]
    public async Task Server_error_is_retried()
    {
        const string to = "+16505550110";
        wa.Graph.Given(wa.ToRecipient(to)).InScenario("5xx-110").WillSetStateTo("failed-once")
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("upstream unavailable"));
        wa.Graph.Given(wa.ToRecipient(to)).InScenario("5xx-110").WhenStateIs("failed-once")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody("""{"messaging_product":"whatsapp","contacts":[{"input":"+16505550110","wa_id":"16505550110"}],"messages":[{"id":"wamid.after-503"}]}"""));
        var (_, _, messageId) = await wa.SeedThreadAsync(to, RecentInbound);

        await wa.DeliverAsync(messageId, new Reply { Text = "Hello again" });

        var row = await wa.WaitForSendAsync(messageId, OutboxStatus.Sent, TimeSpan.FromSeconds(30));
        Assert.Equal(2, row.Attempts);
    }

    [Theory]
    [InlineData(131026, "(#131026) Message undeliverable", "Message Undeliverable.", "number may not be on WhatsApp")]
    [InlineData(131047, "(#131047) Re-engagement message", "More than 24 hours have passed since the recipient last replied to the sender number.", "Re-engagement needed")]
    [InlineData(100, "(#100) Invalid parameter", "Parameter value is not valid", "refused a parameter")]
    public async Task Permanent_graph_error_is_stored_on_the_message_for_the_merchant(long code, string message, string details, string expected)
    {
        var to = "+1650555" + (200 + code % 97).ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
        wa.GraphRefuses(to, 400, code, message, details);
        var (_, _, messageId) = await wa.SeedThreadAsync(to, RecentInbound);

        await wa.DeliverAsync(messageId, new Reply { Text = "Will this arrive?" });

        var row = await wa.WaitForSendAsync(messageId, OutboxStatus.Failed);
        Assert.Equal(1, row.Attempts);
        var stored = await wa.MessageAsync(messageId);
        Assert.Equal(DeliveryStatus.Failed, stored.DeliveryStatus);
        Assert.StartsWith($"WhatsApp error {code}:", stored.DeliveryError);
        Assert.Contains(expected, stored.DeliveryError);
        Assert.Single(wa.SentTo(to));
    }

    [Fact]
    public async Task Opted_out_recipient_is_never_sent_to_and_the_send_is_cancelled()
    {
        const string to = "+16505550111";
        wa.GraphAccepts(to);
        var (customerId, _, messageId) = await wa.SeedThreadAsync(to, RecentInbound);
        await wa.QueryAsync(db => db.ChannelIdentities.Where(i => i.CustomerId == customerId && i.Kind == ChannelIdentityKind.Phone)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.OptedOutAt, DateTimeOffset.UtcNow).SetProperty(i => i.OptOutSource, "whatsapp-stop")));

        await wa.DeliverAsync(messageId, new Reply { Text = "Still there?" });

        await wa.WaitForSendAsync(messageId, OutboxStatus.Cancelled);
        var stored = await wa.MessageAsync(messageId);
        Assert.Equal(DeliveryStatus.Failed, stored.DeliveryStatus);
        Assert.Contains("opted out", stored.DeliveryError);
        Assert.Empty(wa.SentTo(to));
    }

    [Fact]
    public async Task Sends_of_one_conversation_go_out_in_order_even_when_the_first_is_retried()
    {
        const string to = "+16505550112";
        wa.Graph.Given(wa.ToRecipient(to).WithBody(new WireMock.Matchers.WildcardMatcher("*First answer*"))).InScenario("order-112").WillSetStateTo("first-limited")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1")
                .WithBody(WhatsAppTestApp.GraphError(131056, "(#131056) Pair rate limit hit", "Too many messages sent from this phone number to the same phone number.")));
        wa.GraphAccepts(to, "wamid.order");
        var (_, conversationId, first) = await wa.SeedThreadAsync(to, RecentInbound, "First answer");
        var second = await wa.AddAssistantMessageAsync(conversationId, "Second answer");

        await wa.DeliverAsync(first, new Reply { Text = "First answer" });
        await Task.Delay(20);
        await wa.DeliverAsync(second, new Reply { Text = "Second answer" });

        await wa.WaitForSendAsync(second, OutboxStatus.Sent, TimeSpan.FromSeconds(30));
        var bodies = wa.SentTo(to).Select(j => (string?)j["text"]!["body"]).ToList();
        Assert.Equal(["First answer", "First answer", "Second answer"], bodies);
    }

    [Fact]
    public async Task Reply_delivered_twice_is_queued_once()
    {
        const string to = "+16505550113";
        wa.GraphAccepts(to);
        var (_, _, messageId) = await wa.SeedThreadAsync(to, RecentInbound);

        Assert.Equal(ConversationalCommerce.Channels.Delivery.DeliveryOutcome.Queued, await wa.DeliverAsync(messageId, new Reply { Text = "Once" }));
        Assert.Equal(ConversationalCommerce.Channels.Delivery.DeliveryOutcome.AlreadyQueued, await wa.DeliverAsync(messageId, new Reply { Text = "Once" }));

        await wa.WaitForSendAsync(messageId, OutboxStatus.Sent);
        await Task.Delay(300);
        Assert.Single(wa.SentTo(to));
    }

    internal static ProductCard Card(Guid id, string title, decimal price, decimal? compareAt, string vendor) => new()
    {
        ProductId = id, ShopifyId = 1000, Handle = "h-" + id.ToString("N")[..6], Title = title, Url = "/products/x", Price = price,
        CompareAtPrice = compareAt, Vendor = vendor, Available = true,
    };

    internal static void AssertJson(string expected, JsonNode actual)
    {
        var want = JsonNode.Parse(expected)!;
        Assert.True(JsonNode.DeepEquals(want, actual), $"Expected\n{want.ToJsonString()}\nbut we posted\n{actual.ToJsonString()}");
    }
}
