using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Engine.Replies;
using Microsoft.AspNetCore.SignalR;

namespace ConversationalCommerce.Channels.Widget.Hub;

/// <summary>
/// Pushes a stored message (a merchant's reply, an answer produced off the hub) to every open widget tab of its
/// conversation, on whichever node they are connected (the Redis backplane carries it between nodes).
/// </summary>
public interface IWidgetPush
{
    Task MessageAsync(Message message, Reply? reply, CancellationToken cancellationToken);
    Task TypingAsync(Guid conversationId, bool on, CancellationToken cancellationToken);
}

internal sealed class WidgetPush(IHubContext<ChatHub> hub) : IWidgetPush
{
    public Task MessageAsync(Message message, Reply? reply, CancellationToken cancellationToken) =>
        hub.Clients.Group(WidgetConnection.Group(message.ConversationId))
            .SendAsync(WidgetEvents.Message, HistoryMessages.From(message, reply), cancellationToken);

    public Task TypingAsync(Guid conversationId, bool on, CancellationToken cancellationToken) =>
        hub.Clients.Group(WidgetConnection.Group(conversationId)).SendAsync(WidgetEvents.Typing, new TypingEvent(on), cancellationToken);
}
