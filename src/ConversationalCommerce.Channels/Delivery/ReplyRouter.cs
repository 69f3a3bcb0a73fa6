using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Channels.Delivery;

/// <summary>Where one reply goes: a channel and that channel's address, or live (the widget gets it over its connection).</summary>
public sealed record DeliveryRoute(Channel Channel, string? Recipient)
{
    public bool IsLive => Recipient is null;
}

/// <summary>
/// Replies go out on the channel the customer used last, unless the conversation says otherwise ("email me these").
/// A preferred channel without a known address falls back to the channel just used.
/// </summary>
public sealed class ReplyRouter(AppDbContext db)
{
    public async Task<DeliveryRoute> ChooseAsync(Conversation conversation, Channel usedChannel, CancellationToken cancellationToken)
    {
        if (conversation.PreferredChannel is { } preferred && preferred != usedChannel)
        {
            var address = await AddressAsync(conversation.CustomerId, preferred, cancellationToken);
            if (address is not null) return new DeliveryRoute(preferred, address);
        }
        if (!NeedsOutbox(usedChannel)) return new DeliveryRoute(usedChannel, null);
        var recipient = await AddressAsync(conversation.CustomerId, usedChannel, cancellationToken);
        return new DeliveryRoute(usedChannel, recipient ?? throw new InvalidOperationException(
            $"Conversation {conversation.Id} was last used on {usedChannel} but its customer has no {usedChannel} address."));
    }

    /// <summary>Channels whose replies are sent by a provider (and so go through the outbox).</summary>
    public static bool NeedsOutbox(Channel channel) => IdentityKindFor(channel) is not null;

    public static ChannelIdentityKind? IdentityKindFor(Channel channel) => channel switch
    {
        Channel.WhatsApp => ChannelIdentityKind.Phone,
        Channel.Email => ChannelIdentityKind.Email,
        _ => null,
    };

    private async Task<string?> AddressAsync(Guid? customerId, Channel channel, CancellationToken cancellationToken)
    {
        if (customerId is not { } id || IdentityKindFor(channel) is not { } kind) return null;
        // The most recently verified address of that kind; an opted-out one is still returned so the send is
        // recorded as Cancelled (visible to the merchant) rather than silently rerouted.
        return await db.ChannelIdentities.AsNoTracking()
            .Where(i => i.CustomerId == id && i.Kind == kind)
            .OrderByDescending(i => i.VerifiedAt)
            .Select(i => i.Value)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
