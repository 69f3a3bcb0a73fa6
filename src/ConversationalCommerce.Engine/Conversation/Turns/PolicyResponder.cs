using ConversationalCommerce.Engine.Catalog;
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
        var others = topic == "returns" ? new[] { "Shipping info", "Payment options" } : ["Returns policy", topic == "shipping" ? "Payment options" : "Shipping info"];
        var answer = policy.Length > 0 ? SentencesAbout(policy, turn.Prediction.Entities.Keywords) : null;
        var reply = answer is not null
            ? new Reply
            {
                // "how long to Canada?": the sentence that answers it, not the whole policy.
                Text = $"From our {topic} policy: {answer}",
                QuickReplies = [$"Full {topic} policy", .. others],
            }
            : policy.Length > 0
            ? new Reply
            {
                Text = $"{turn.Phrasing.Pick("Here's our", "This is our")} {topic} policy: {policy}",
                QuickReplies = others,
            }
            : new Reply
            {
                Text = $"I don't have the {topic} details to hand. Shall I ask the team to answer you here?",
                QuickReplies = ["Talk to a person"],
            };
        return Task.FromResult(new TurnAnswer(reply, turn.State with { PendingQuestion = null }));
    }

    /// <summary>Words every policy question has; they pick no sentence.</summary>
    private static readonly HashSet<string> TopicWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "ship", "ships", "shipping", "shipped", "deliver", "delivery", "delivered", "return", "returns", "refund", "refunds",
        "exchange", "policy", "policies", "long", "much", "take", "takes", "cost", "costs", "free", "full", "info", "order",
        "orders", "pay", "payment", "payments", "options", "send", "back", "money", "item", "items", "bought", "buy",
    };

    /// <summary>Shoppers' words for what a policy calls something else.</summary>
    private static readonly Dictionary<string, string> PolicyWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["abroad"] = "international", ["overseas"] = "international", ["worldwide"] = "international",
        ["internationally"] = "international", ["fast"] = "express", ["faster"] = "express", ["quick"] = "express",
        ["quicker"] = "express", ["expedited"] = "express", ["overnight"] = "express",
    };

    /// <summary>The policy's sentences that name what the shopper asked about ("Canada", "express"), or null.</summary>
    private static string? SentencesAbout(string policy, string keywords)
    {
        var wanted = keywords.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 3 && !TopicWords.Contains(w))
            .Select(w => PolicyWords.GetValueOrDefault(w, w))
            .Select(w => w.Length > 5 ? w[..5] : w) // "canadian" finds "Canada" by its first letters
            .ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0) return null;
        var sentences = ProductFacts.Sentences(policy).Where(sentence => AskedAbout.Names(sentence, wanted)).ToList();
        return sentences.Count == 0 ? null : string.Join(" ", sentences);
    }
}
