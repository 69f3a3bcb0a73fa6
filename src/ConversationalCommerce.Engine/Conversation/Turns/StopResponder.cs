using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Engine.Conversation.Turns;

/// <summary>STOP / unsubscribe: always honoured, confirmed once, with an "opt_out" action the channel must act on.</summary>
public sealed class StopResponder : ITurnResponder
{
    public IReadOnlyCollection<string> Intents => [CommerceIntents.Stop];

    public Task<TurnAnswer> RespondAsync(Turn turn, CancellationToken cancellationToken)
    {
        var reply = new Reply
        {
            Text = $"You're unsubscribed: {turn.Shop.Name} won't send you any more messages here. If you write to us again, we'll answer.",
            Actions = [new ReplyAction(ReplyActions.OptOut, new Dictionary<string, string> { ["channel"] = turn.Context.Channel.ToString().ToLowerInvariant() })],
        };
        return Task.FromResult(new TurnAnswer(reply, turn.State with { OptedOut = true, PendingQuestion = null }));
    }
}
