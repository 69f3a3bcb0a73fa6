using System.Text.Json;
using ConversationalCommerce.Channels.Identity;
using ConversationalCommerce.Channels.Widget.Hub;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Conversations;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Customers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Channels.Tests.Widget;

/// <summary>The widget hub against the real app, the real conversation service and the seeded demo store.</summary>
public sealed class ChatHubTests(WidgetApp app) : IClassFixture<WidgetApp>
{
    [Fact]
    public async Task Send_shows_typing_then_the_shopper_message_and_the_reply_on_every_tab()
    {
        var (_, key) = await app.DemoShopAsync();
        var session = await app.SessionAsync(key);
        await using var tab1 = await app.ConnectAsync(session.VisitorToken);
        await using var tab2 = await app.ConnectAsync(session.VisitorToken);
        var clientId = Guid.NewGuid().ToString();

        var ack = await tab1.SendAsync("a birthday gift for my mom under $50", clientId);

        Assert.True(ack.Accepted, ack.Error?.Message);
        Assert.Equal(clientId, ack.ClientMessageId);
        Assert.Equal(new Typing(true), await tab1.NextEventAsync());
        var shopper = Assert.IsType<WireMessage>(await tab1.NextEventAsync());
        var reply = Assert.IsType<WireMessage>(await tab1.NextEventAsync());
        Assert.Equal(new Typing(false), await tab1.NextEventAsync());

        Assert.Equal(("shopper", "widget", clientId), (shopper.Role, shopper.Channel, shopper.ClientMessageId));
        Assert.Equal("assistant", reply.Role);
        Assert.Equal(shopper.Seq + 1, reply.Seq);
        Assert.NotNull(reply.Reply);
        Assert.Equal(reply.Text, reply.Reply.Value.GetProperty("text").GetString());
        var products = reply.Reply.Value.GetProperty("products").EnumerateArray().ToList();
        Assert.NotEmpty(products);
        foreach (var product in products)
            Assert.True(product.GetProperty("price").GetDecimal() <= 50m, product.ToString());

        Assert.Equal(shopper.Id, (await tab2.NextMessageAsync()).Id);
        Assert.Equal(reply.Id, (await tab2.NextMessageAsync()).Id);
    }

    [Fact]
    public async Task History_replays_the_conversation_after_a_reload()
    {
        var (_, key) = await app.DemoShopAsync();
        var session = await app.SessionAsync(key);
        await using (var before = await app.ConnectAsync(session.VisitorToken))
        {
            Assert.True((await before.SendAsync("do you have scarves?")).Accepted);
            Assert.True((await before.SendAsync("what about under $30")).Accepted);
        }

        var reloaded = await app.SessionAsync(key, session.VisitorToken);
        await using var after = await app.ConnectAsync(reloaded.VisitorToken);
        var all = await after.HistoryAsync();
        var tail = await after.HistoryAsync(afterSeq: 2);

        Assert.Equal(session.ConversationId, reloaded.ConversationId);
        Assert.Equal([1L, 2, 3, 4], all.Select(m => m.Seq));
        Assert.Equal(["shopper", "assistant", "shopper", "assistant"], all.Select(m => m.Role));
        Assert.Equal("do you have scarves?", all[0].Text);
        Assert.NotNull(all[1].Reply);
        Assert.Equal(all.Skip(2).Select(m => m.Id), tail.Select(m => m.Id));
    }

    [Fact]
    public async Task Many_visitors_sending_at_once_all_get_their_replies_and_a_complete_history_on_reconnect()
    {
        var (_, key) = await app.DemoShopAsync();
        var sessions = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => app.SessionAsync(key)));
        var texts = new[] { "do you have scarves?", "something under $40", "in blue" };

        // Every visitor talks at once (their turns are written together); each waits for its own reply.
        await Task.WhenAll(sessions.Select(async session =>
        {
            await using var tab = await app.ConnectAsync(session.VisitorToken);
            foreach (var text in texts)
            {
                var ack = await tab.SendAsync(text);
                Assert.True(ack.Accepted, ack.Error?.Message);
            }
        }));

        foreach (var session in sessions)
        {
            await using var reconnected = await app.ConnectAsync(session.VisitorToken);
            var history = await reconnected.HistoryAsync();
            Assert.Equal([1L, 2, 3, 4, 5, 6], history.Select(m => m.Seq));
            Assert.Equal(texts, history.Where(m => m.Role == "shopper").Select(m => m.Text));
            Assert.All(history.Where(m => m.Role == "assistant"), m => Assert.NotNull(m.Reply));
        }
        Assert.True(app.Factory.Services.GetRequiredService<TurnCommitQueue>().Batches > 0, "turns were written through the group commit");
    }

    [Fact]
    public async Task Duplicate_client_message_id_never_produces_a_second_turn()
    {
        var (_, key) = await app.DemoShopAsync();
        var session = await app.SessionAsync(key);
        await using var tab1 = await app.ConnectAsync(session.VisitorToken);
        await using var tab2 = await app.ConnectAsync(session.VisitorToken);
        var clientId = Guid.NewGuid().ToString();
        Assert.True((await tab1.SendAsync("candles for a housewarming", clientId)).Accepted);
        var firstShopper = await tab2.NextMessageAsync();
        var firstReply = await tab2.NextMessageAsync();

        var retry = await tab1.SendAsync("candles for a housewarming", clientId);

        Assert.True(retry.Accepted);
        var history = await tab1.HistoryAsync();
        Assert.Equal([firstShopper.Id, firstReply.Id], history.Select(m => m.Id));
        // The retrying tab gets the stored turn back; the other tab is not told twice.
        var replayed = new List<Guid>();
        for (var i = 0; i < 4; i++)
            replayed.Add((await tab1.NextMessageAsync()).Id);
        Assert.Equal([firstShopper.Id, firstReply.Id, firstShopper.Id, firstReply.Id], replayed);
        Assert.False(await tab2.AnyEventsBesidesTypingWithinAsync(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Same_client_message_id_from_two_tabs_at_once_is_one_turn()
    {
        var (_, key) = await app.DemoShopAsync();
        var session = await app.SessionAsync(key);
        await using var tab1 = await app.ConnectAsync(session.VisitorToken);
        await using var tab2 = await app.ConnectAsync(session.VisitorToken);
        var clientId = Guid.NewGuid().ToString();

        var acks = await Task.WhenAll(tab1.SendAsync("a wallet for my dad", clientId), tab2.SendAsync("a wallet for my dad", clientId));

        Assert.All(acks, a => Assert.True(a.Accepted, a.Error?.Message));
        var history = await tab1.HistoryAsync();
        Assert.Equal(["shopper", "assistant"], history.Select(m => m.Role));
        Assert.Equal(clientId, history[0].ClientMessageId);
    }

    [Fact]
    public async Task Oversized_and_empty_messages_are_refused_politely_and_nothing_is_stored()
    {
        var (_, key) = await app.DemoShopAsync();
        var session = await app.SessionAsync(key);
        await using var tab = await app.ConnectAsync(session.VisitorToken);

        var tooLong = await tab.SendAsync(new string('a', 2_001));
        var empty = await tab.SendAsync("   ");

        Assert.False(tooLong.Accepted);
        Assert.Equal("too_long", tooLong.Error!.Code);
        Assert.Contains("2,000", tooLong.Error.Message);
        Assert.False(empty.Accepted);
        Assert.Equal("empty", empty.Error!.Code);
        Assert.Empty(await tab.HistoryAsync());
    }

    [Fact]
    public async Task Message_of_exactly_the_limit_is_accepted()
    {
        var (_, key) = await app.DemoShopAsync();
        var session = await app.SessionAsync(key);
        await using var tab = await app.ConnectAsync(session.VisitorToken);

        var ack = await tab.SendAsync("gift " + new string('x', 1_995));

        Assert.True(ack.Accepted, ack.Error?.Message);
        Assert.Equal(2_000, (await tab.HistoryAsync())[0].Text.Length);
    }

    [Fact]
    public async Task Visitor_of_shop_A_can_neither_read_nor_hear_nor_write_shop_B_conversations()
    {
        var (_, keyA) = await app.DemoShopAsync();
        var (shopB, keyB) = await app.CreateShopAsync();
        var a = await app.SessionAsync(keyA);
        var b = await app.SessionAsync(keyB);
        await using var tabA = await app.ConnectAsync(a.VisitorToken);
        await using var tabB = await app.ConnectAsync(b.VisitorToken);

        Assert.True((await tabB.SendAsync("secret order question from shop B")).Accepted);
        Assert.True((await tabA.SendAsync("hello from shop A")).Accepted);

        var historyA = await tabA.HistoryAsync();
        Assert.DoesNotContain(historyA, m => m.Text.Contains("shop B", StringComparison.Ordinal));
        Assert.Contains(historyA, m => m.Text == "hello from shop A");
        // B's tab never heard A's turn.
        var heardByB = new List<string>();
        while (await tabB.AnyEventWithinAsync(TimeSpan.FromMilliseconds(300)))
            if (await tabB.NextEventAsync() is WireMessage m) heardByB.Add(m.Text);
        Assert.DoesNotContain("hello from shop A", heardByB);

        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopB);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var textsOfB = await db.Messages.Where(m => m.ConversationId == b.ConversationId).Select(m => m.Text).ToListAsync();
        Assert.Contains("secret order question from shop B", textsOfB);
        Assert.DoesNotContain("hello from shop A", textsOfB);
    }

    [Fact]
    public async Task Continue_on_whatsapp_gives_a_wa_me_link_whose_code_redeems_to_this_conversation()
    {
        var (shopId, key) = await app.DemoShopAsync();
        var session = await app.SessionAsync(key);
        await using var tab = await app.ConnectAsync(session.VisitorToken);

        var link = await tab.Connection.InvokeAsync<ContinuityLink>("ContinueOnWhatsApp");

        Assert.Null(link.Error);
        Assert.StartsWith("https://wa.me/15550100200?text=", link.Url);
        var text = Uri.UnescapeDataString(new Uri(link.Url!).Query["?text=".Length..]);
        Assert.Contains(link.Code!, text);
        Assert.True(ContinuityCodes.TryFind(text, out var found));

        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        var redeemed = await scope.ServiceProvider.GetRequiredService<ContinuityCodes>().RedeemAsync(shopId, found, default);
        Assert.Equal(session.ConversationId, redeemed?.ConversationId);
        Assert.NotNull(redeemed?.CustomerId);
    }

    [Fact]
    public async Task Continue_on_whatsapp_without_a_shop_number_says_so()
    {
        var (_, key) = await app.CreateShopAsync(whatsAppNumber: null);
        var session = await app.SessionAsync(key);
        await using var tab = await app.ConnectAsync(session.VisitorToken);

        var link = await tab.Connection.InvokeAsync<ContinuityLink>("ContinueOnWhatsApp");

        Assert.Null(link.Url);
        Assert.Equal("unavailable", link.Error?.Code);
    }

    [Fact]
    public async Task Email_me_these_records_the_opt_in_and_makes_email_the_preferred_channel()
    {
        var (shopId, key) = await app.DemoShopAsync();
        var session = await app.SessionAsync(key);
        await using var tab = await app.ConnectAsync(session.VisitorToken);

        var noConsent = await tab.Connection.InvokeAsync<EmailResult>("EmailMeThese", new { email = "a@example.com", consent = false });
        var invalid = await tab.Connection.InvokeAsync<EmailResult>("EmailMeThese", new { email = "not an email", consent = true });
        var email = $"Shopper.{Guid.NewGuid():N}@Example.com";
        var ok = await tab.Connection.InvokeAsync<EmailResult>("EmailMeThese", new { email, consent = true });

        Assert.Equal("consent_required", noConsent.Error?.Code);
        Assert.Equal("invalid_email", invalid.Error?.Code);
        Assert.True(ok.Ok);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == session.ConversationId);
        var identity = await db.ChannelIdentities.SingleAsync(i => i.Kind == ChannelIdentityKind.Email && i.Value == email.ToLowerInvariant());
        Assert.Equal(Channel.Email, conversation.PreferredChannel);
        Assert.Equal(conversation.CustomerId, identity.CustomerId);
        Assert.NotNull(identity.OptedInAt);
        Assert.Equal("widget_email_me_these", identity.OptInSource);
    }

    [Fact]
    public async Task Merchant_message_pushed_from_elsewhere_reaches_every_tab_in_real_time()
    {
        var (shopId, key) = await app.DemoShopAsync();
        var session = await app.SessionAsync(key);
        await using var tab1 = await app.ConnectAsync(session.VisitorToken);
        await using var tab2 = await app.ConnectAsync(session.VisitorToken);
        var merchant = new Message
        {
            ShopId = shopId, ConversationId = session.ConversationId, Seq = 7, Role = MessageRole.Merchant, Channel = Channel.Admin,
            Text = "Hi, this is Sam from the shop - the blue one is back in stock!", CreatedAt = DateTimeOffset.UtcNow,
        };

        await app.Factory.Services.GetRequiredService<IWidgetPush>().MessageAsync(merchant, null, default);

        foreach (var tab in new[] { tab1, tab2 })
        {
            var received = await tab.NextMessageAsync();
            Assert.Equal((merchant.Id, "merchant", merchant.Text), (received.Id, received.Role, received.Text));
        }
    }
}
