using System.Net;
using ConversationalCommerce.Channels.WhatsApp.Inbound;
using ConversationalCommerce.Domain.Conversations;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Channels.Tests.WhatsApp;

/// <summary>WhatsApp messages answered by the real conversation engine on the demo catalog; replies rendered for WhatsApp.</summary>
public sealed class WhatsAppConversationTests(DemoWhatsAppApp wa) : IClassFixture<DemoWhatsAppApp>
{
    [Fact]
    public async Task Gift_question_is_answered_with_a_list_of_real_products_from_the_stored_reply()
    {
        const string to = "+16505550401";
        wa.GraphAccepts(to);

        Assert.Equal(HttpStatusCode.OK, (await wa.PostWebhookAsync(Notifications.Text("16505550401", "wamid.gift-401", "a birthday gift for my mom under $50"))).StatusCode);

        var sent = (await wa.EventuallyAsync(_ => Task.FromResult(wa.SentTo(to)), s => s.Count == 1, what: "the answer"))[0];
        Assert.Equal("interactive", (string?)sent["type"]);
        Assert.Equal("list", (string?)sent["interactive"]!["type"]);
        var rows = sent["interactive"]!["action"]!["sections"]![0]!["rows"]!.AsArray();
        Assert.InRange(rows.Count, 2, 10);
        var assistant = await wa.QueryAsync(db => db.Messages.AsNoTracking()
            .SingleAsync(m => m.Role == MessageRole.Assistant && m.Channel == Channel.WhatsApp && m.ConversationId ==
                db.Messages.Where(s => s.ExternalId == "wamid.gift-401").Select(s => s.ConversationId).First()));
        Assert.Equal(assistant.Text, (string?)sent["interactive"]!["body"]!["text"]);
        foreach (var row in rows)
        {
            Assert.True(InteractiveReplyIds.TryProduct((string?)row!["id"], out var productId));
            var product = await wa.QueryAsync(db => db.Products.AsNoTracking().Include(p => p.Variants).SingleAsync(p => p.Id == productId));
            Assert.StartsWith(((string?)row["title"])!.TrimEnd('…'), product.Title);
            Assert.True(product.Variants.Min(v => v.Price) <= 50m, $"{product.Title} is over budget");
        }
        Assert.Equal(DeliveryStatus.Sent, (await wa.MessageAsync(assistant.Id)).DeliveryStatus);
    }

    [Fact]
    public async Task Tapping_a_list_row_asks_about_that_product()
    {
        const string to = "+16505550402";
        wa.GraphAccepts(to);
        await wa.PostWebhookAsync(Notifications.Text("16505550402", "wamid.list-402", "show me scented candles"));
        var list = (await wa.EventuallyAsync(_ => Task.FromResult(wa.SentTo(to)), s => s.Count == 1, what: "the list"))[0];
        var second = list["interactive"]!["action"]!["sections"]![0]!["rows"]![1]!;
        Assert.True(InteractiveReplyIds.TryProduct((string?)second["id"], out var productId));
        var title = await wa.QueryAsync(db => db.Products.Where(p => p.Id == productId).Select(p => p.Title).SingleAsync());

        await wa.PostWebhookAsync(Notifications.ListReply("16505550402", "wamid.tap-402", (string)second["id"]!, (string)second["title"]!));

        await wa.EventuallyAsync(_ => Task.FromResult(wa.SentTo(to)), s => s.Count == 2, what: "the answer about the row");
        var shopper = await wa.QueryAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.ExternalId == "wamid.tap-402"));
        Assert.Equal($"Tell me more about {title}", shopper.Text);
        var answer = await wa.QueryAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.ConversationId == shopper.ConversationId && m.Seq == shopper.Seq + 1));
        Assert.Contains(productId.ToString(), answer.PayloadJson);
    }

    [Fact]
    public async Task Tapping_a_quick_reply_button_says_its_text()
    {
        const string to = "+16505550403";
        wa.GraphAccepts(to);

        await wa.PostWebhookAsync(Notifications.ButtonReply("16505550403", "wamid.button-403", InteractiveReplyIds.ForQuickReply("Gifts under $25"), "Gifts under $25"));

        await wa.EventuallyAsync(_ => Task.FromResult(wa.SentTo(to)), s => s.Count == 1, what: "the answer");
        var shopper = await wa.QueryAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.ExternalId == "wamid.button-403"));
        Assert.Equal("Gifts under $25", shopper.Text);
        Assert.Equal(Channel.WhatsApp, shopper.Channel);
    }

    [Fact]
    public async Task Redelivered_message_is_answered_once()
    {
        const string to = "+16505550404";
        wa.GraphAccepts(to);
        var body = Notifications.Text("16505550404", "wamid.again-404", "do you have wool scarves?");

        await wa.PostWebhookAsync(body);
        await wa.PostWebhookAsync(body);
        await wa.EventuallyAsync(_ => Task.FromResult(wa.SentTo(to)), s => s.Count == 1, what: "the answer");
        await wa.PostWebhookAsync(body);
        await Task.Delay(1500);

        Assert.Single(wa.SentTo(to));
        Assert.Equal(1, await wa.QueryAsync(db => db.Messages.CountAsync(m => m.ExternalId == "wamid.again-404")));
    }

    [Fact]
    public async Task Follow_up_messages_from_one_number_stay_in_one_thread()
    {
        const string to = "+16505550405";
        wa.GraphAccepts(to);

        await wa.PostWebhookAsync(Notifications.Text("16505550405", "wamid.thread-405a", "gift for my dad who likes cooking"));
        await wa.EventuallyAsync(_ => Task.FromResult(wa.SentTo(to)), s => s.Count == 1, what: "the first answer");
        await wa.PostWebhookAsync(Notifications.Text("16505550405", "wamid.thread-405b", "something cheaper"));
        await wa.EventuallyAsync(_ => Task.FromResult(wa.SentTo(to)), s => s.Count == 2, what: "the second answer");

        var threads = await wa.QueryAsync(db => db.Messages.Where(m => m.ExternalId == "wamid.thread-405a" || m.ExternalId == "wamid.thread-405b")
            .Select(m => m.ConversationId).Distinct().CountAsync());
        Assert.Equal(1, threads);
    }
}
