using ConversationalCommerce.Channels.Widget.Hub;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Engine.Conversation;
using ConversationalCommerce.Engine.Replies;
using Microsoft.AspNetCore.SignalR;

namespace ConversationalCommerce.App.Features.Admin.Live;

/// <summary>
/// Event <c>conversationMessage</c> of the admin hub: one stored message and the thread's status after it (so the
/// list can flag a thread waiting for a person, and a taken-over thread shows the customer's words at once).
/// </summary>
public sealed record AdminMessageEvent(Guid ConversationId, string Status, bool HeldForMerchant, ThreadMessage Message);

/// <summary>Event <c>conversationStatus</c>: a merchant took a thread over, handed it back or closed it.</summary>
public sealed record AdminStatusEvent(Guid ConversationId, string Status);

/// <summary>Pushes stored messages to the admin pages of their shop (the Redis backplane carries it between nodes).</summary>
public sealed class AdminEvents(IHubContext<AdminHub> hub) : IConversationEvents
{
    public const string MessageEvent = "conversationMessage";
    public const string StatusEvent = "conversationStatus";

    public async Task TurnStoredAsync(Conversation conversation, TurnResult turn, CancellationToken cancellationToken)
    {
        await MessageAsync(conversation, turn.Shopper, null, turn.HeldForMerchant, cancellationToken);
        if (turn.Assistant is not null) await MessageAsync(conversation, turn.Assistant, turn.Reply, turn.HeldForMerchant, cancellationToken);
    }

    public Task MessageAsync(Conversation conversation, Message message, Reply? reply, bool held, CancellationToken cancellationToken) =>
        hub.Clients.Group(AdminHub.Group(conversation.ShopId)).SendAsync(MessageEvent, new AdminMessageEvent(
            conversation.Id, conversation.Status.ToString(), held,
            new ThreadMessage(message.Id, message.Seq, HistoryMessages.Role(message.Role), HistoryMessages.ChannelName(message.Channel),
                message.Text, message.CreatedAt, message.DeliveryStatus.ToString(), message.DeliveryError, reply, [])),
            cancellationToken);

    public Task StatusAsync(Guid shopId, Guid conversationId, ConversationStatus status, CancellationToken cancellationToken) =>
        hub.Clients.Group(AdminHub.Group(shopId)).SendAsync(StatusEvent, new AdminStatusEvent(conversationId, status.ToString()), cancellationToken);
}
