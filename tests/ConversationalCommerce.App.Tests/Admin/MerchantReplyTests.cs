using System.Net;
using System.Net.Http.Json;
using ConversationalCommerce.App.Features.Admin;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task Merchant_reply_to_a_whatsapp_customer_goes_through_the_outbox_and_its_send_shows_in_the_thread()
    {
        using var app = new AdminTestApp();
        var shopId = await app.InstallAsync(Shop.DemoDomain);
        var customerId = await app.WithDbAsync(shopId, async db =>
        {
            var customer = new ConversationalCommerce.Domain.Customers.Customer
            {
                ShopId = shopId, FirstName = "Ana", LastName = "Lima", Phone = "+5511987654321",
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.Customers.Add(customer);
            db.ChannelIdentities.Add(new ConversationalCommerce.Domain.Customers.ChannelIdentity
            {
                ShopId = shopId, CustomerId = customer.Id, Kind = ConversationalCommerce.Domain.Customers.ChannelIdentityKind.Phone,
                Value = "+5511987654321", Evidence = "test", VerifiedAt = DateTimeOffset.UtcNow, OptedInAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
            return customer.Id;
        });
        var id = Guid.NewGuid();
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IConversationService>().HandleAsync(
                new ShopperMessage(shopId, id, Channel.WhatsApp, "hello", "wamid.test-1", customerId), CancellationToken.None);
        var client = app.AdminClient(Shop.DemoDomain);

        var response = await client.PostAsJsonAsync($"/api/admin/conversations/{id}/messages", new { text = "Hi Ana, Sam here." });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sent = (await response.Content.ReadFromJsonAsync<ThreadMessage>())!;
        var outbox = await app.WithDbAsync(shopId, db => db.Outbox.AsNoTracking().SingleAsync(o => o.MessageId == sent.Id));
        Assert.Equal(Channel.WhatsApp, outbox.Channel);
        Assert.Equal("+5511987654321", outbox.Recipient);
        Assert.Contains("Hi Ana, Sam here.", outbox.PayloadJson);

        var thread = (await client.GetFromJsonAsync<ConversationThread>($"/api/admin/conversations/{id}"))!;
        Assert.Equal("Ana Lima", thread.Customer!.Name);
        var merchant = thread.Messages.Single(m => m.Id == sent.Id);
        Assert.Equal("merchant", merchant.Role);
        var delivery = Assert.Single(merchant.Deliveries);
        Assert.Equal("whatsapp", delivery.Channel);
        Assert.NotEqual("None", merchant.DeliveryStatus);
    }

    private sealed record WidgetSession(Guid VisitorId, string VisitorToken, Guid ConversationId);
}
