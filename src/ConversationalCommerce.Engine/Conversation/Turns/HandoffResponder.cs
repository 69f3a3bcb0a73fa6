using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Engine.Conversation.Turns;

/// <summary>The shopper wants a person: say so honestly and raise a "handoff" action; the thread waits for a person (WaitingForHuman) until a merchant takes it over.</summary>
public sealed class HandoffResponder : ITurnResponder
{
    public IReadOnlyCollection<string> Intents => [CommerceIntents.HumanHandoff];

    public Task<TurnAnswer> RespondAsync(Turn turn, CancellationToken cancellationToken)
    {
        var text = turn.Phrasing.Pick(
            $"Of course. I've asked the {turn.Shop.Name} team to join this conversation; they'll reply right here as soon as they can.",
            $"No problem, I'm passing this to a person at {turn.Shop.Name}. They'll pick it up here shortly.");
        var reply = new Reply
        {
            Text = text,
            Actions = [new ReplyAction(ReplyActions.Handoff, new Dictionary<string, string> { ["reason"] = "shopper_request" })],
        };
        return Task.FromResult(new TurnAnswer(reply, turn.State with { HandedOff = true, PendingQuestion = null }));
    }
}
