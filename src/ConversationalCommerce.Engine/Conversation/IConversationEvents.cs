using ConversationalCommerce.Domain.Conversations;

namespace ConversationalCommerce.Engine.Conversation;

/// <summary>
/// Told after a new turn is stored (never for a duplicate), whatever the channel: the merchant admin shows it live.
/// A failing listener never fails the turn; the conversation service logs and goes on.
/// </summary>
public interface IConversationEvents
{
    Task TurnStoredAsync(Domain.Conversations.Conversation conversation, TurnResult turn, CancellationToken cancellationToken);
}

/// <summary>Nobody listening (the engine on its own, the CLI).</summary>
public sealed class NoConversationEvents : IConversationEvents
{
    public Task TurnStoredAsync(Domain.Conversations.Conversation conversation, TurnResult turn, CancellationToken cancellationToken) => Task.CompletedTask;
}
