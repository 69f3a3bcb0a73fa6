using ConversationalCommerce.Engine.Conversation.State;

namespace ConversationalCommerce.Engine.Recommendations;

/// <summary>
/// "Which one should I get?": one product from the candidates, scored on the needs the shopper stated (budget,
/// size, colour, occasion, recipient), then how well it sells; the reasons say which needs it meets.
/// </summary>
public sealed class SinglePick
{
    /// <summary>The reason a product names the use asked about: "made for hiking".</summary>
    public const string MadeFor = "made for ";

    /// <param name="use">What the shopper wants it for ("for hiking"): a product that names it is preferred and says so.</param>
    public RankedProduct? Choose(IReadOnlyList<ReferencedProduct> candidates, ShoppingSlots slots, RankingContext context, string? use = null)
    {
        RankedProduct? best = null;
        var bestScore = double.MinValue;
        foreach (var (candidate, index) in candidates.Select((c, i) => (c, i)))
        {
            if (!candidate.Product.IsPurchasable) continue;
            var variant = ProductComparer.ChooseVariant(candidate, slots);
            if (!variant.IsAvailable || slots.MaxPrice is { } max && variant.Price > max) continue;
            variant = context.ChooseVariant(candidate.Product, variant, slots);
            var reasons = ReasonWriter.For(candidate.Product, variant, slots, context.Currency, context.Signals(candidate.Product, variant));
            if (use is not null && InterestSearchTerms.Mentioned(candidate.Product, use) is { } named) reasons = [MadeFor + named, .. reasons];
            // Needs met weigh most; sales break ties; the order shown (search relevance) breaks the rest.
            var score = reasons.Count * 10 + Math.Log(1 + context.Stats.Units(candidate.Product.Id)) * 2 - index * 0.5;
            if (score > bestScore)
            {
                bestScore = score;
                best = new RankedProduct(candidate.Product, variant, score) { Reasons = reasons };
            }
        }
        return best;
    }
}
