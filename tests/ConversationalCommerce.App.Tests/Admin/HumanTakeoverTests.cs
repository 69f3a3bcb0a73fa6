using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ConversationalCommerce.App.Features.Admin;
using ConversationalCommerce.App.Features.Admin.Live;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Shops;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.App.Tests.Admin;

/// <summary>
/// A merchant takes a thread over in the admin: the shopper's messages keep arriving (stored, pushed live to the
/// admin hub), the assistant stays silent apart from one notice, and answers again once the thread is handed back.
/// </summary>
public sealed class HumanTakeoverTests
{
    private const string HeadlessKey = "test-headless-key-takeover-0123";

    [Fact]
    public async Task Taken_over_widget_thread_gets_one_notice_then_silence_and_the_assistant_answers_again_after_hand_back()
    {
        using var app = new AdminTestApp(realSocket: true);
        var shopId = await app.InstallAsync(Shop.DemoDomain);
        var session = await WidgetSessionAsync(app);
        await using var widget = await HubClient.ConnectAsync(app.ServerAddress, session.VisitorToken);
        await using var admin = await AdminFeed.ConnectAsync(app.ServerAddress, AdminTestApp.SessionToken(Shop.DemoDomain));
        Assert.True((await widget.SendAsync("do you have scented candles?")).Accepted);
        await widget.NextMessageAsync(m => m.Role == "assistant");

        var takeOver = await app.AdminClient(Shop.DemoDomain).PostAsJsonAsync($"/api/admin/conversations/{session.ConversationId}/status", new { status = "HandedOff" });
        Assert.Equal(HttpStatusCode.OK, takeOver.StatusCode);
        Assert.Equal("HandedOff", (await admin.NextStatusAsync()).Status);

        // First message of the takeover: stored, shown to the merchant live, answered only by the notice.
        Assert.True((await widget.SendAsync("is anyone there?")).Accepted);
        var shopper = await widget.NextMessageAsync(_ => true);
        Assert.Equal(("shopper", "is anyone there?"), (shopper.Role, shopper.Text));
        var notice = await widget.NextMessageAsync(_ => true);
        Assert.Equal(("system", "Thanks, a member of our team will reply here."), (notice.Role, notice.Text));
        var before = await admin.NextMessageAsync(e => e.Message.Role == "shopper");
        Assert.Equal(("do you have scented candles?", "Open", false), (before.Message.Text, before.Status, before.HeldForMerchant));
        var live = await admin.NextMessageAsync(e => e.Message.Role == "shopper");
        Assert.Equal((session.ConversationId, "is anyone there?", "HandedOff", true), (live.ConversationId, live.Message.Text, live.Status, live.HeldForMerchant));

        // Later messages: stored and shown to the merchant, nothing at all comes back.
        Assert.True((await widget.SendAsync("I'd like a gift for my mom under $50")).Accepted);
        Assert.Equal("shopper", (await widget.NextMessageAsync(_ => true)).Role);
        Assert.Equal("I'd like a gift for my mom under $50", (await admin.NextMessageAsync(e => e.Message.Role == "shopper")).Message.Text);
        // The hub pushes a turn's messages before it acknowledges the send: anything more would be here by now.
        Assert.False(widget.HasPending);
        var held = await ThreadAsync(app, shopId, session.ConversationId);
        Assert.Equal([MessageRole.Shopper, MessageRole.Assistant, MessageRole.Shopper, MessageRole.System, MessageRole.Shopper], held.Select(m => m.Role));

        // The merchant answers, then hands the thread back: the assistant answers the next message.
        Assert.Equal(HttpStatusCode.Created, (await app.AdminClient(Shop.DemoDomain).PostAsJsonAsync(
            $"/api/admin/conversations/{session.ConversationId}/messages", new { text = "Hi, Sam here. Try our candles!" })).StatusCode);
        Assert.Equal("merchant", (await widget.NextMessageAsync(_ => true)).Role);
        Assert.Equal(HttpStatusCode.OK, (await app.AdminClient(Shop.DemoDomain).PostAsJsonAsync(
            $"/api/admin/conversations/{session.ConversationId}/status", new { status = "Open" })).StatusCode);
        Assert.True((await widget.SendAsync("show me scented candles")).Accepted);
        Assert.Equal("shopper", (await widget.NextMessageAsync(_ => true)).Role);
        var answer = await widget.NextMessageAsync(_ => true);
        Assert.Equal("assistant", answer.Role);
        Assert.Equal("Open", (await app.AdminClient(Shop.DemoDomain).GetFromJsonAsync<ConversationThread>($"/api/admin/conversations/{session.ConversationId}"))!.Status);
    }

    [Fact]
    public async Task Merchant_who_takes_over_by_writing_gets_no_notice_sent_for_them_and_a_headless_message_is_held()
    {
        using var app = new AdminTestApp(realSocket: true, settings: new Dictionary<string, string> { [$"HeadlessApi:Keys:{Shop.DemoDomain}"] = HeadlessKey });
        var shopId = await app.InstallAsync(Shop.DemoDomain);
        await using var admin = await AdminFeed.ConnectAsync(app.ServerAddress, AdminTestApp.SessionToken(Shop.DemoDomain));
        var first = await HeadlessAsync(app, new { text = "hello" });
        var conversationId = first.GetProperty("conversationId").GetGuid();
        Assert.False(first.GetProperty("held").GetBoolean());
        Assert.Equal(JsonValueKind.Object, first.GetProperty("reply").ValueKind);

        Assert.Equal(HttpStatusCode.Created, (await app.AdminClient(Shop.DemoDomain).PostAsJsonAsync(
            $"/api/admin/conversations/{conversationId}/messages", new { text = "Hi, this is Sam." })).StatusCode);
        Assert.Equal("merchant", (await admin.NextMessageAsync(e => e.ConversationId == conversationId && e.Message.Role == "merchant")).Message.Role);

        var held = await HeadlessAsync(app, new { text = "great, do you ship to Canada?", conversationId });
        Assert.True(held.GetProperty("held").GetBoolean());
        Assert.Equal(JsonValueKind.Null, held.GetProperty("reply").ValueKind);
        Assert.Equal(JsonValueKind.Null, held.GetProperty("assistantSeq").ValueKind);
        Assert.Equal("great, do you ship to Canada?", (await admin.NextMessageAsync(e => e.Message.Role == "shopper" && e.HeldForMerchant)).Message.Text);

        // A retry of the same message is a duplicate, and still held.
        var retry = await HeadlessAsync(app, new { text = "again", conversationId, externalId = "ext-1" });
        var again = await HeadlessAsync(app, new { text = "again", conversationId, externalId = "ext-1" });
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.True(again.GetProperty("held").GetBoolean());
        Assert.Equal(retry.GetProperty("shopperSeq").GetInt64(), again.GetProperty("shopperSeq").GetInt64());

        var roles = (await ThreadAsync(app, shopId, conversationId)).Select(m => m.Role);
        Assert.Equal([MessageRole.Shopper, MessageRole.Assistant, MessageRole.Merchant, MessageRole.Shopper, MessageRole.Shopper], roles);
    }

    [Fact]
    public async Task Asking_for_a_person_lists_the_thread_as_waiting_and_the_assistant_keeps_answering_until_a_merchant_takes_over()
    {
        using var app = new AdminTestApp();
        var shopId = await app.InstallAsync(Shop.DemoDomain);
        var id = Guid.NewGuid();
        await app.TurnAsync(shopId, id, Channel.Widget, "hello");
        var other = Guid.NewGuid();
        await app.TurnAsync(shopId, other, Channel.Widget, "show me candles");

        var handoff = await app.TurnAsync(shopId, id, Channel.Widget, "i want to talk to a real human");

        Assert.NotNull(handoff.Assistant);
        Assert.False(handoff.HeldForMerchant);
        var client = app.AdminClient(Shop.DemoDomain);
        var waiting = (await client.GetFromJsonAsync<ConversationPage>("/api/admin/conversations?status=WaitingForHuman"))!;
        Assert.Equal([id], waiting.Items.Select(i => i.Id));
        Assert.Equal("WaitingForHuman", waiting.Items[0].Status);
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/admin/overview")).GetProperty("conversations").GetProperty("waitingForHuman").GetInt32());

        // Nobody has taken it yet: the shopper is not left alone.
        var meanwhile = await app.TurnAsync(shopId, id, Channel.Widget, "show me scented candles");
        Assert.Equal(MessageRole.Assistant, meanwhile.Assistant!.Role);
        Assert.Equal(ConversationStatus.WaitingForHuman, (await app.WithDbAsync(shopId, db => db.Conversations.SingleAsync(c => c.Id == id))).Status);

        await client.PostAsJsonAsync($"/api/admin/conversations/{id}/messages", new { text = "Hi, Sam here." });
        var held = await app.TurnAsync(shopId, id, Channel.Widget, "thanks Sam");
        Assert.True(held.HeldForMerchant);
        Assert.Null(held.Assistant);
    }

    [Fact]
    public async Task Admin_feed_refuses_a_connection_without_a_valid_session_token()
    {
        using var app = new AdminTestApp(realSocket: true);
        await app.InstallAsync(Shop.DemoDomain);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => AdminFeed.ConnectAsync(app.ServerAddress, "not-a-token"));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() =>
            AdminFeed.ConnectAsync(app.ServerAddress, AdminTestApp.SessionToken(Shop.DemoDomain, secret: "shpss_wrong_secret_0123456789abcdef")));
    }

    private static async Task<JsonElement> HeadlessAsync(AdminTestApp app, object body)
    {
        using var http = app.RealSocketClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/conversations/{Shop.DemoDomain}/messages") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HeadlessKey);
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<List<Message>> ThreadAsync(AdminTestApp app, Guid shopId, Guid conversationId) =>
        app.WithDbAsync(shopId, db => db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.Seq).ToListAsync());

    private static async Task<WidgetSession> WidgetSessionAsync(AdminTestApp app)
    {
        var shop = await app.ShopAsync(Shop.DemoDomain);
        using var http = app.RealSocketClient();
        return (await (await http.PostAsJsonAsync("/api/widget/session",
            new { widgetKey = shop.WidgetKey, visitorId = (string?)null, visitorToken = (string?)null, locale = "en" }))
            .Content.ReadFromJsonAsync<WidgetSession>())!;
    }

    private sealed record WidgetSession(Guid VisitorId, string VisitorToken, Guid ConversationId);
}

/// <summary>The merchant admin's live feed (/hubs/admin) as the admin page opens it.</summary>
public sealed class AdminFeed : IAsyncDisposable
{
    private readonly System.Threading.Channels.Channel<AdminMessageEvent> _messages = System.Threading.Channels.Channel.CreateUnbounded<AdminMessageEvent>();
    private readonly System.Threading.Channels.Channel<AdminStatusEvent> _statuses = System.Threading.Channels.Channel.CreateUnbounded<AdminStatusEvent>();
    private readonly HubConnection _connection;

    private AdminFeed(HubConnection connection)
    {
        _connection = connection;
        connection.On<AdminMessageEvent>(AdminEvents.MessageEvent, e => _messages.Writer.TryWrite(e));
        connection.On<AdminStatusEvent>(AdminEvents.StatusEvent, e => _statuses.Writer.TryWrite(e));
    }

    public static async Task<AdminFeed> ConnectAsync(Uri server, string sessionToken)
    {
        var feed = new AdminFeed(new HubConnectionBuilder()
            .WithUrl(new Uri(server, AdminHub.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(sessionToken))
            .Build());
        try
        {
            await feed._connection.StartAsync();
        }
        catch
        {
            await feed.DisposeAsync();
            throw;
        }
        return feed;
    }

    public async Task<AdminMessageEvent> NextMessageAsync(Func<AdminMessageEvent, bool> match)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var e = await _messages.Reader.ReadAsync(cts.Token);
            if (match(e)) return e;
        }
    }

    public async Task<AdminStatusEvent> NextStatusAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await _statuses.Reader.ReadAsync(cts.Token);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
