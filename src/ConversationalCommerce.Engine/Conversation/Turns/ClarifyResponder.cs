using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Engine.Conversation.Turns;

/// <summary>
/// Not understood well enough to act: a short "did you mean ...?" with the likeliest guesses as quick replies; for
/// something clearly off-topic, a polite steer back to shopping.
/// </summary>
public sealed class ClarifyResponder : ITurnResponder
{
    public IReadOnlyCollection<string> Intents => [CommerceIntents.OutOfScope];

    private const double GuessFloor = 0.2;

    private static readonly Dictionary<string, (string Question, string Quick)> Guesses = new(StringComparer.Ordinal)
    {
        [CommerceIntents.Search] = ("find a product", "Find a product"),
        [CommerceIntents.GiftFinder] = ("find a gift", "Find a gift"),
        [CommerceIntents.Compare] = ("compare some products", "Compare products"),
        [CommerceIntents.RecommendOne] = ("get my top pick", "Your top pick"),
        [CommerceIntents.ProductQuestion] = ("know more about a product", "Product details"),
        [CommerceIntents.Availability] = ("check stock", "Is it in stock?"),
        [CommerceIntents.PriceDiscount] = ("ask about prices or sales", "What's on sale?"),
        [CommerceIntents.PairsWith] = ("see what goes well with it", "What goes with it?"),
        [CommerceIntents.OrderStatus] = ("check on an order", "Where's my order?"),
        [CommerceIntents.ShippingReturns] = ("ask about shipping or returns", "Shipping & returns"),
        [CommerceIntents.AddToCart] = ("add something to your cart", "Add to cart"),
        [CommerceIntents.HumanHandoff] = ("talk to a person", "Talk to a person"),
    };

    public Task<TurnAnswer> RespondAsync(Turn turn, CancellationToken cancellationToken)
    {
        var p = turn.Phrasing;
        var guesses = turn.Prediction.Alternatives
            .Where(a => a.Score >= GuessFloor && Guesses.ContainsKey(a.Intent))
            .Take(2).Select(a => Guesses[a.Intent]).ToList();
        Reply reply;
        if (turn.Prediction.LowConfidence && guesses.Count > 0)
        {
            var options = guesses.Count == 1 ? guesses[0].Question : $"{guesses[0].Question} or {guesses[1].Question}";
            reply = new Reply
            {
                Text = p.Pick($"Sorry, I'm not sure I follow. Did you mean you'd like to {options}?", $"Just to check: did you mean you'd like to {options}?"),
                QuickReplies = guesses.Select(g => g.Quick).ToList(),
            };
        }
        else if (turn.Prediction.LowConfidence)
        {
            reply = new Reply
            {
                Text = p.Pick(
                    "Sorry, I didn't quite catch that. I can find products, suggest gifts, or answer questions about orders, shipping and returns. What would you like?",
                    "I'm not sure I understood. Could you tell me what you're looking for, or who it's for?"),
                QuickReplies = ["Gift ideas", "Show me bestsellers", "Shipping info"],
            };
        }
        else
        {
            reply = new Reply
            {
                Text = p.Pick(
                    $"I'm {turn.Shop.Name}'s shopping assistant, so that's outside what I can help with. I can find products, suggest gifts, or answer questions about orders, shipping and returns.",
                    "That's a bit outside my area, I'm afraid. I'm best at finding products and gifts, and at questions about orders, shipping or returns. What can I find for you?"),
                QuickReplies = ["Gift ideas", "Show me bestsellers", "Shipping info"],
            };
        }
        return Task.FromResult(new TurnAnswer(reply, turn.State with { PendingQuestion = PendingQuestions.Clarify }));
    }
}
