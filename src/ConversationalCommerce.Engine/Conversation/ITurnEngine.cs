using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Engine.Conversation;

/// <summary>
/// The brain of one turn, free of persistence: the conversation's state and the shopper's text in, a reply and the
/// new state out. The offline engine implements it; the LLM mode decorates it and falls back to it.
/// </summary>
public interface ITurnEngine
{
    Task<TurnOutcome> RespondAsync(TurnContext context, CancellationToken cancellationToken);
}

/// <summary>
/// Optional for a turn engine: how many earlier messages it reads from <see cref="TurnContext.History"/>. The
/// conversation service loads no more than that (none for the offline engine), instead of the configured maximum.
/// </summary>
public interface IUsesHistory
{
    int HistoryMessages { get; }
}

/// <param name="StateJson">The conversation's serialized state before this turn ("{}" for a new thread).</param>
/// <param name="History">The latest messages of the thread, oldest first, without the current one.</param>
public sealed record TurnContext(
    Guid ShopId,
    Guid ConversationId,
    Channel Channel,
    string Text,
    string StateJson,
    Guid? CustomerId,
    IReadOnlyList<Message> History);

/// <param name="StateJson">The state to store with the thread after this turn.</param>
public sealed record TurnOutcome(Reply Reply, string StateJson);
