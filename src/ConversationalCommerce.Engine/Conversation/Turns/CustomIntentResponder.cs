using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Engine.Conversation.Turns;

/// <summary>A merchant's own intent: the merchant's reply, word for word.</summary>
public sealed class CustomIntentResponder : ITurnResponder
{
    /// <summary>Stands for every merchant intent (they have no fixed names).</summary>
    public const string Key = "custom";

    public IReadOnlyCollection<string> Intents => [Key];

    public Task<TurnAnswer> RespondAsync(Turn turn, CancellationToken cancellationToken) =>
        Task.FromResult(new TurnAnswer(new Reply { Text = turn.Prediction.Reply ?? "" }, turn.State with { PendingQuestion = null }));
}
