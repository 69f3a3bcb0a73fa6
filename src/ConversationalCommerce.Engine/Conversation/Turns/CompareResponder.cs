using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Recommendations;
using ConversationalCommerce.Engine.Replies;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Conversation.Turns;

/// <summary>
/// Compares what the shopper points at ("these two", "the first and the third") or names ("the hand cream and the
/// face serum"), else the products just shown.
/// </summary>
public sealed class CompareResponder(ProductComparer comparer, ICatalogSearch catalog) : ITurnResponder
{
    public IReadOnlyCollection<string> Intents => [CommerceIntents.Compare];

    public Task<TurnAnswer> RespondAsync(Turn turn, CancellationToken cancellationToken)
    {
        var products = turn.Referenced.Count >= 2 ? turn.Referenced
            : NamedProducts.In(turn, catalog) is { Count: >= 2 } named ? named
            : ShownOrReferenced(turn);
        if (products.Count < 2)
        {
            var text = turn.State.Shown.Count == 0
                ? "Happy to compare! Which products do you have in mind? Search for something first and I'll put them side by side."
                : "Which ones shall I compare? You can say \"the first two\" or \"the blue one and the last one\".";
            return Task.FromResult(new TurnAnswer(new Reply { Text = text, QuickReplies = ["Compare the first two"] }, turn.State));
        }

        var (rows, verdict) = comparer.Compare(products, turn.Slots, turn.Ranking);
        var lines = rows.Select(r =>
        {
            var facts = new List<string> { r.PriceText, r.Availability };
            if (r.Options is not null) facts.Add(r.Options);
            if (r.Material is not null) facts.Add(r.Material);
            if (r.UnitsSold > 0) facts.Add($"{r.UnitsSold} sold this year");
            return $"• {r.Ranked.Product.Title}: {string.Join("; ", facts)}";
        });
        var intro = turn.Phrasing.Pick("Here's how they compare:", "Side by side:", "A quick comparison:");
        var reply = new Reply
        {
            Text = intro + "\n" + string.Join("\n", lines) + (verdict.Length > 0 ? "\n" + verdict : ""),
            Products = rows.Select(r => ProductCardBuilder.Build(r.Ranked, turn.Currency)).ToList(),
            QuickReplies = ["Which one do you recommend?", "Add the first one to my cart"],
        };
        var shown = rows.Select(r => r.Ranked).ToList();
        return Task.FromResult(new TurnAnswer(reply, ShownProducts.Showing(turn.State, shown, turn.State.ResultOffset)));
    }

    private IReadOnlyList<ReferencedProduct> ShownOrReferenced(Turn turn)
    {
        var shown = turn.State.Shown.Select(s => catalog.Get(turn.ShopId, s.ProductId) is { } p ? new ReferencedProduct(p, s.VariantId) : null)
            .OfType<ReferencedProduct>().ToList();
        var combined = turn.Referenced.Concat(shown).DistinctBy(p => p.Product.Id).Take(Math.Max(2, Math.Min(3, shown.Count))).ToList();
        return combined;
    }
}
