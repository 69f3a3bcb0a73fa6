using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Recommendations;
using ConversationalCommerce.Engine.Replies;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Conversation.Turns;

/// <summary>"Which one should I get?": a single pick among what the shopper points at, what was shown, or a fresh search.</summary>
public sealed class PickOneResponder(SinglePick picker, SearchRecommender search, ICatalogSearch catalog) : ITurnResponder
{
    public IReadOnlyCollection<string> Intents => [CommerceIntents.RecommendOne];

    public Task<TurnAnswer> RespondAsync(Turn turn, CancellationToken cancellationToken)
    {
        IReadOnlyList<ReferencedProduct> candidates = turn.Referenced.Count >= 2 ? turn.Referenced
            : turn.State.Shown.Select(s => catalog.Get(turn.ShopId, s.ProductId) is { } p ? new ReferencedProduct(p, s.VariantId) : null)
                .OfType<ReferencedProduct>().ToList();
        if (candidates.Count == 0 || turn.Slots != turn.State.Slots && turn.Slots.HasProductFocus)
            candidates = search.Recommend(turn.Slots, turn.Ranking, 0, 10).Products.Select(r => new ReferencedProduct(r.Product, r.Variant.ShopifyId)).ToList();

        var pick = picker.Choose(candidates, turn.Slots, turn.Ranking);
        if (pick is null)
            return Task.FromResult(new TurnAnswer(new Reply
            {
                Text = "Tell me a little about what you need (who it's for, a budget, a size) and I'll pick one for you.",
                QuickReplies = ["Gift ideas", "Under $50"],
            }, turn.State));

        var because = pick.Reasons.Count > 0 ? $": it's {string.Join(", ", pick.Reasons.Take(3))}" : "";
        var text = turn.Phrasing.Pick("If I had to choose one, I'd go for", "My pick would be", "I'd recommend") +
                   $" the {pick.Product.Title} at {Money.Format(pick.Variant.Price, turn.Currency)}{because}.";
        var reply = new Reply
        {
            Text = text,
            Products = [ProductCardBuilder.Build(pick, turn.Currency)],
            QuickReplies = ["Add it to my cart", "Tell me more about it", "Show me other options"],
        };
        return Task.FromResult(new TurnAnswer(reply, turn.State with { FocusProductId = pick.Product.Id, Slots = turn.Slots, PendingQuestion = null }));
    }
}
