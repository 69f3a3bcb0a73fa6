using System.Net;
using ConversationalCommerce.Channels.Identity;
using ConversationalCommerce.Channels.Widget.Session;
using ConversationalCommerce.Channels.WhatsApp.Inbound;
using ConversationalCommerce.Domain.Customers;
using ConversationalCommerce.Engine.Conversation;
using ConversationalCommerce.Engine.Replies;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task Continuity_code_joins_the_widget_conversation_and_the_second_one_means_the_second_product_shown_on_the_web()
    {
        const string to = "+16505550406";
        wa.GraphAccepts(to);
        // On the storefront: the widget's visitor thread, one turn with products, then "continue on WhatsApp".
        var (web, webTurn, code, shopName) = await wa.WithScopeAsync(async services =>
        {
            var threads = services.GetRequiredService<VisitorThreads>();
            var visitorId = Guid.NewGuid();
            // As the hub does: the anonymous visitor's customer is stored when they first write.
            var thread = await threads.EnsureCustomerAsync(visitorId, await threads.ResolveAsync(visitorId, null, "en", CancellationToken.None), CancellationToken.None);
            var turn = await services.GetRequiredService<IConversationService>().HandleAsync(
                new ShopperMessage(wa.ShopId, thread.ConversationId, Channel.Widget, "scented candles", "web-1", thread.CustomerId), CancellationToken.None);
            var issued = await services.GetRequiredService<ContinuityCodes>().IssueAsync(wa.ShopId, thread.ConversationId, thread.CustomerId, CancellationToken.None);
            var name = await services.GetRequiredService<ConversationalCommerce.Data.AppDbContext>().Shops.Where(s => s.Id == wa.ShopId).Select(s => s.Name).SingleAsync();
            return (thread, turn, issued.Code, name);
        });
        Assert.True(webTurn.Reply.Products.Count >= 2, "the web turn showed fewer than two products");
        var secondOnWeb = webTurn.Reply.Products[1];

        await wa.PostWebhookAsync(Notifications.Text("16505550406", "wamid.code-406", ContinuityCodes.PrefilledText(shopName, code)));

        var joined = await wa.EventuallyAsync(_ => Task.FromResult(wa.SentTo(to)), s => s.Count == 1, what: "the connected notice");
        Assert.StartsWith("You're connected!", (string?)joined[0]["text"]!["body"]);
        var phone = await wa.QueryAsync(db => db.ChannelIdentities.AsNoTracking().SingleAsync(i => i.Kind == ChannelIdentityKind.Phone && i.Value == to));
        Assert.Equal(web.CustomerId, phone.CustomerId);
        Assert.Equal(web.ConversationId, (await wa.QueryAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.ExternalId == "wamid.code-406"))).ConversationId);

        await wa.PostWebhookAsync(Notifications.Text("16505550406", "wamid.second-406", "tell me more about the second one"));

        var answer = (await wa.EventuallyAsync(_ => Task.FromResult(wa.SentTo(to)), s => s.Count == 2, what: "the answer about the second product"))[1];
        var shopper = await wa.QueryAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.ExternalId == "wamid.second-406"));
        Assert.Equal(web.ConversationId, shopper.ConversationId);
        var reply = await wa.QueryAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.ConversationId == web.ConversationId && m.Seq == shopper.Seq + 1));
        var stored = ReplyJson.Deserialize(reply.PayloadJson, reply.Text);
        Assert.Equal(secondOnWeb.ProductId, Assert.Single(stored.Products).ProductId);
        Assert.Contains(secondOnWeb.Title, answer.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal(1, await wa.QueryAsync(db => db.IdentityLinkRecords.CountAsync(r => r.CustomerId == web.CustomerId && r.Evidence == IdentityEvidence.ContinuityCode)));
    }

    [Fact]
    public async Task Code_like_word_that_redeems_nothing_is_an_ordinary_message()
    {
        const string to = "+16505550407";
        wa.GraphAccepts(to);

        await wa.PostWebhookAsync(Notifications.Text("16505550407", "wamid.word-407", "PRESENTS for my nephews"));

        await wa.EventuallyAsync(_ => Task.FromResult(wa.SentTo(to)), s => s.Count == 1, what: "the answer");
        var assistant = await wa.QueryAsync(db => db.Messages.AsNoTracking().Where(m => m.Role == MessageRole.Assistant
            && m.ConversationId == db.Messages.Where(x => x.ExternalId == "wamid.word-407").Select(x => x.ConversationId).First()).SingleAsync());
        Assert.DoesNotContain("connected", assistant.Text);
        Assert.NotNull(assistant.PayloadJson);
    }
}
