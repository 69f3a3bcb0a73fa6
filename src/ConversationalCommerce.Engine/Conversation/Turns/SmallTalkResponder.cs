using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Engine.Conversation.Turns;

/// <summary>Greeting, thanks and goodbye: short, warm, and pointing back to shopping.</summary>
public sealed class SmallTalkResponder : ITurnResponder
{
    public IReadOnlyCollection<string> Intents => [CommerceIntents.Greeting, CommerceIntents.Thanks, CommerceIntents.Goodbye];

    public Task<TurnAnswer> RespondAsync(Turn turn, CancellationToken cancellationToken)
    {
        var p = turn.Phrasing;
        var text = turn.Intent switch
        {
            CommerceIntents.Greeting when turn.State.Turn == 0 && turn.Shop.Greeting.Length > 0 => turn.Shop.Greeting,
            CommerceIntents.Greeting => p.Pick("Hi there! What can I help you find today?", "Hello! Looking for anything in particular?", "Hey! Tell me what you're after and I'll find it."),
            CommerceIntents.Thanks => p.Pick("You're welcome! Anything else I can help with?", "My pleasure. Shout if you need anything else.", "Happy to help! Want to keep looking?"),
            _ => p.Pick("Thanks for stopping by. Have a lovely day!", "Bye for now! I'm here whenever you need a hand.", "Take care, and happy shopping!"),
        };
        var quick = turn.Intent == CommerceIntents.Goodbye ? Array.Empty<string>() : ["Gift ideas", "Show me bestsellers", "Shipping info"];
        return Task.FromResult(new TurnAnswer(new Reply { Text = text, QuickReplies = quick }, turn.State with { PendingQuestion = null }));
    }
}
