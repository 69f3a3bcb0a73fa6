using System.Net;
using System.Net.Http.Json;
using ConversationalCommerce.App.Features.Admin;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Shops;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.App.Tests.Admin;

public sealed class MerchantReplyTests
{
    [Fact]
    public async Task Merchant_reply_reaches_the_open_widget_at_once_and_is_stored_as_a_merchant_message()
    {
        using var app = new AdminTestApp(realSocket: true);
        var shopId = await app.InstallAsync(Shop.DemoDomain);
        var shop = await app.ShopAsync(Shop.DemoDomain);
        using var http = app.RealSocketClient();
        var session = (await (await http.PostAsJsonAsync("/api/widget/session",
            new { widgetKey = shop.WidgetKey, visitorId = (string?)null, visitorToken = (string?)null, locale = "en" }))
            .Content.ReadFromJsonAsync<WidgetSession>())!;
        await using var widget = await HubClient.ConnectAsync(app.ServerAddress, session.VisitorToken);
        Assert.True((await widget.SendAsync("do you have scented candles?")).Accepted);
        await widget.NextMessageAsync(m => m.Role == "assistant");

        var response = await app.AdminClient(Shop.DemoDomain).PostAsJsonAsync(
            $"/api/admin/conversations/{session.ConversationId}/messages", new { text = "Hi, this is Sam from the shop. Happy to help!" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var pushed = await widget.NextMessageAsync(m => m.Role == "merchant");
        Assert.Equal("Hi, this is Sam from the shop. Happy to help!", pushed.Text);
        Assert.Equal(3, pushed.Seq);
        var stored = await app.WithDbAsync(shopId, db => db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == session.ConversationId).OrderBy(m => m.Seq).ToListAsync());
        Assert.Equal([MessageRole.Shopper, MessageRole.Assistant, MessageRole.Merchant], stored.Select(m => m.Role));
        Assert.Equal(pushed.Id, stored[2].Id);
        var conversation = await app.WithDbAsync(shopId, db => db.Conversations.AsNoTracking().SingleAsync(c => c.Id == session.ConversationId));
        Assert.Equal(ConversationStatus.HandedOff, conversation.Status);
        Assert.Equal(3, conversation.LastSeq);

        // The widget's history shows it too, and the shopper's next message continues after it.
        Assert.True((await widget.SendAsync("thanks!")).Accepted);
        var next = await widget.NextMessageAsync(m => m.Role == "shopper" || m.Role == "assistant");
        Assert.True(next.Seq > 3);
    }

    [Fact]
    public async Task Empty_or_overlong_merchant_reply_is_refused_and_nothing_is_stored()
    {
        using var app = new AdminTestApp();
        var shopId = await app.InstallAsync(Shop.DemoDomain);
        var id = Guid.NewGuid();
        await app.TurnAsync(shopId, id, Channel.Widget, "hello");
        var client = app.AdminClient(Shop.DemoDomain);

        var empty = await client.PostAsJsonAsync($"/api/admin/conversations/{id}/messages", new { text = "   " });
        var overlong = await client.PostAsJsonAsync($"/api/admin/conversations/{id}/messages", new { text = new string('a', MerchantReplies.MaxLength + 1) });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, overlong.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(shopId, db => db.Messages.CountAsync(m => m.ConversationId == id)));
    }

    private sealed record WidgetSession(Guid VisitorId, string VisitorToken, Guid ConversationId);
}
