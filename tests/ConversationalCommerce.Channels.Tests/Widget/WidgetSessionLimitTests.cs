using System.Net;
using System.Net.Http.Json;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Conversations;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Channels.Tests.Widget;

/// <summary>The demo shop with a small per-address budget of widget sessions.</summary>
public sealed class LimitedWidgetApp() : WidgetApp(seedDemo: true, ("Widget:SessionsPerAddress", "5"), ("Widget:SessionRateWindow", "00:10:00"));

/// <summary>
/// Opening the widget is cheap for the app: no conversation row until the visitor writes, and one address can only
/// start so many sessions (each mints a visitor token and a customer).
/// </summary>
public sealed class WidgetSessionLimitTests(WidgetApp app) : IClassFixture<WidgetApp>
{
    [Fact]
    public async Task Session_start_writes_no_conversation_until_the_first_message_and_history_replays_it_afterwards()
    {
        var (shopId, key) = await app.DemoShopAsync();
        var session = await app.SessionAsync(key);
        Assert.False(await ConversationExistsAsync(shopId, session.ConversationId));

        // A reload (same token) and a second tab name the same thread, still without writing it.
        Assert.Equal(session.ConversationId, (await app.SessionAsync(key, session.VisitorToken)).ConversationId);
        await using var tab = await app.ConnectAsync(session.VisitorToken);
        Assert.Empty(await tab.HistoryAsync());
        Assert.False(await ConversationExistsAsync(shopId, session.ConversationId));

        Assert.True((await tab.SendAsync("do you have scented candles?")).Accepted);

        var conversation = await ConversationAsync(shopId, session.ConversationId);
        Assert.NotNull(conversation);
        Assert.Equal(2, conversation.LastSeq);
        Assert.NotNull(conversation.CustomerId);
        await using var reloaded = await app.ConnectAsync(session.VisitorToken);
        var history = await reloaded.HistoryAsync();
        Assert.Equal(["shopper", "assistant"], history.Select(m => m.Role));
        Assert.Equal(session.ConversationId, (await app.SessionAsync(key, session.VisitorToken)).ConversationId);
    }

    [Fact]
    public async Task Closed_thread_is_followed_by_a_new_one_on_the_next_session()
    {
        var (shopId, key) = await app.DemoShopAsync();
        var session = await app.SessionAsync(key);
        await using (var tab = await app.ConnectAsync(session.VisitorToken))
            Assert.True((await tab.SendAsync("hello")).Accepted);
        await InShopAsync(shopId, db => db.Conversations.Where(c => c.Id == session.ConversationId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, ConversationStatus.Closed)));

        var next = await app.SessionAsync(key, session.VisitorToken);

        Assert.NotEqual(session.ConversationId, next.ConversationId);
        Assert.False(await ConversationExistsAsync(shopId, next.ConversationId));
    }

    [Fact]
    public async Task Continue_on_whatsapp_before_any_message_writes_the_thread_the_code_points_to()
    {
        var (shopId, key) = await app.CreateShopAsync("+1 650 555 0100");
        var session = await app.SessionAsync(key);
        await using var tab = await app.ConnectAsync(session.VisitorToken);

        var link = await tab.Connection.InvokeAsync<ContinuityLink>("ContinueOnWhatsApp");

        Assert.Null(link.Error);
        Assert.True(await ConversationExistsAsync(shopId, session.ConversationId));
        Assert.True((await tab.SendAsync("hello")).Accepted);
        Assert.Equal(["shopper", "assistant"], (await tab.HistoryAsync()).Select(m => m.Role));
    }

    [Fact]
    public async Task One_address_gets_a_limited_number_of_sessions_then_429_with_retry_after()
    {
        using var limited = new LimitedWidgetApp();
        var (_, key) = await limited.DemoShopAsync();
        for (var i = 0; i < 5; i++) await limited.SessionAsync(key);

        var refused = await limited.Http.PostAsJsonAsync("/api/widget/session", new { widgetKey = key, locale = "en" });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        // Only session starts are limited: the catalog and the health check still answer.
        Assert.Equal(HttpStatusCode.OK, (await limited.Http.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await limited.Http.PostAsync("/apps/chat/session", null)).StatusCode);
    }

    private Task<bool> ConversationExistsAsync(Guid shopId, Guid id) => InShopAsync(shopId, db => db.Conversations.AnyAsync(c => c.Id == id));

    private Task<Conversation?> ConversationAsync(Guid shopId, Guid id) =>
        InShopAsync(shopId, db => db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id));

    private async Task<T> InShopAsync<T>(Guid shopId, Func<AppDbContext, Task<T>> work)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
