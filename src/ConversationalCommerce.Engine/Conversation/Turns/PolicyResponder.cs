using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Engine.Conversation.Turns;

/// <summary>Shipping, returns and payment, quoted from the shop's own policies; a shop without a policy gets a hand-off offer, not a guess.</summary>
public sealed class PolicyResponder : ITurnResponder
{
    public IReadOnlyCollection<string> Intents => [CommerceIntents.ShippingReturns];

    private static readonly string[] ReturnWords = ["return", "refund", "exchange", "send back", "send it back", "money back"];
    private static readonly string[] PaymentWords = ["pay", "payment", "card", "paypal", "klarna", "afterpay", "installment", "instalment", "apple pay", "google pay", "currency", "tax"];

    public Task<TurnAnswer> RespondAsync(Turn turn, CancellationToken cancellationToken)
    {
        var text = turn.Text.ToLowerInvariant();
        var (topic, policy) = ReturnWords.Any(text.Contains) ? ("returns", turn.Shop.ReturnsPolicy)
            : PaymentWords.Any(text.Contains) ? ("payment", turn.Shop.PaymentPolicy)
            : ("shipping", turn.Shop.ShippingPolicy);
        var reply = policy.Length > 0
            ? new Reply
            {
                Text = $"{turn.Phrasing.Pick("Here's our", "This is our")} {topic} policy: {policy}",
                QuickReplies = topic == "returns" ? ["Shipping info", "Payment options"] : ["Returns policy", topic == "shipping" ? "Payment options" : "Shipping info"],
            }
            : new Reply
            {
                Text = $"I don't have the {topic} details to hand. Shall I ask the team to answer you here?",
                QuickReplies = ["Talk to a person"],
            };
        return Task.FromResult(new TurnAnswer(reply, turn.State with { PendingQuestion = null }));
    }
}
