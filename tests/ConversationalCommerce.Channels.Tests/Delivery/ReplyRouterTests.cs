using ConversationalCommerce.Channels.Delivery;
using ConversationalCommerce.Channels.Identity;
using ConversationalCommerce.Channels.Tests.Identity;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Channels.Tests.Delivery;

/// <summary>Which channel a reply goes to: the one used last, unless the customer asked for another that we can reach.</summary>
public sealed class ReplyRouterTests : IAsyncLifetime
{
    private readonly IdentityTestDb _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();
    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Reply_goes_to_the_channel_used_last()
    {
        var phone = await _db.ResolveAsync(ChannelIdentityKind.Phone, "16505550601", IdentityEvidence.WhatsAppInbound);
        var conversation = await ConversationAsync(phone.CustomerId, preferred: null);

        Assert.Equal(new DeliveryRoute(Channel.WhatsApp, "+16505550601"), await ChooseAsync(conversation, Channel.WhatsApp));
        Assert.True((await ChooseAsync(conversation, Channel.Widget)).IsLive);
    }

    [Fact]
    public async Task Email_me_these_sends_the_reply_by_email_even_when_asked_on_whatsapp()
    {
        var phone = await _db.ResolveAsync(ChannelIdentityKind.Phone, "16505550602", IdentityEvidence.WhatsAppInbound);
        await _db.LinkAsync(phone.CustomerId, ChannelIdentityKind.Email, "eve@example.com", IdentityEvidence.EmailToken);
        var conversation = await ConversationAsync(phone.CustomerId, preferred: Channel.Email);

        Assert.Equal(new DeliveryRoute(Channel.Email, "eve@example.com"), await ChooseAsync(conversation, Channel.WhatsApp));
        Assert.Equal(new DeliveryRoute(Channel.Email, "eve@example.com"), await ChooseAsync(conversation, Channel.Widget));
    }

    [Fact]
    public async Task Preferred_channel_without_an_address_falls_back_to_the_channel_used()
    {
        var phone = await _db.ResolveAsync(ChannelIdentityKind.Phone, "16505550603", IdentityEvidence.WhatsAppInbound);
        var conversation = await ConversationAsync(phone.CustomerId, preferred: Channel.Email);

        Assert.Equal(new DeliveryRoute(Channel.WhatsApp, "+16505550603"), await ChooseAsync(conversation, Channel.WhatsApp));
    }

    private Task<Conversation> ConversationAsync(Guid customerId, Channel? preferred) =>
        _db.QueryAsync(async db =>
        {
            var conversation = new Conversation { CustomerId = customerId, PreferredChannel = preferred, StartedAt = DateTimeOffset.UtcNow, LastMessageAt = DateTimeOffset.UtcNow };
            db.Conversations.Add(conversation);
            await db.SaveChangesAsync();
            return conversation;
        });

    private Task<DeliveryRoute> ChooseAsync(Conversation conversation, Channel used) =>
        _db.RunAsync(s => new ReplyRouter(s.GetRequiredService<AppDbContext>()).ChooseAsync(conversation, used, CancellationToken.None));
}
