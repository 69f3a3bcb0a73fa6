using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Recommendations;
using ConversationalCommerce.Engine.Replies;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Conversation.Turns;

/// <summary>
/// "What goes well with the wallet?": the products the shop's own orders pair with it (<see cref="BoughtTogether"/>),
/// each with the count behind it. Without a pattern in the orders it says so and shows other pieces by the same
/// maker, never an invented pairing.
/// </summary>
public sealed class PairsWithResponder(ICatalogSearch catalog, BoughtTogether together) : ITurnResponder
{
    private const int Count = 3;

    public IReadOnlyCollection<string> Intents => [CommerceIntents.PairsWith];

    public Task<TurnAnswer> RespondAsync(Turn turn, CancellationToken cancellationToken)
    {
        var target = ProductTarget.Find(turn, catalog);
        if (target is null)
            return Task.FromResult(new TurnAnswer(new Reply { Text = ProductTarget.WhichProduct, QuickReplies = ["Show me bestsellers"] }, turn.State));

        var p = turn.Phrasing;
        // Only the budget carries over: the sizes and colours asked were for the product itself.
        var slots = turn.Slots with { Colors = [], Sizes = [], Materials = [], Keywords = "", Categories = [], Interest = null };
        var picks = together.For(target.Product.Id, slots, turn.Ranking, Count, turn.State.Carted);
        if (picks.Count == 0 && turn.Targets(catalog).Count == 0)
        {
            // "the wool scarf" names a kind more than one product: the closest of its kind that the orders pair with.
            foreach (var alike in ProductTarget.Named(turn, catalog, 6).Skip(1).Where(a => a.Product.ProductType == target.Product.ProductType))
            {
                picks = together.For(alike.Product.Id, slots, turn.Ranking, Count, turn.State.Carted);
                if (picks.Count == 0) continue;
                target = alike;
                break;
            }
        }
        var product = target.Product;
        string intro;
        if (picks.Count > 0)
            intro = p.Pick($"Shoppers who bought the {product.Title} often added:", $"Frequently bought together with the {product.Title}:");
        else
        {
            picks = SameMaker(turn, product, slots);
            intro = picks.Count > 0
                ? $"Our orders don't show a clear partner for the {product.Title} yet. A few other pieces by {product.Vendor}:"
                : $"Our orders don't show what goes with the {product.Title} yet. Tell me what you have in mind and I'll look.";
        }
        var lines = picks.Select((r, i) => $"{i + 1}. {r.Product.Title}: {Money.Format(r.Variant.Price, turn.Currency)}");
        var reply = new Reply
        {
            Text = picks.Count > 0 ? intro + "\n" + string.Join("\n", lines) : intro,
            Products = picks.Select(r => ProductCardBuilder.Build(r, turn.Currency)).ToList(),
            QuickReplies = picks.Count > 0 ? ["Add the first one to my cart", "Tell me more about the first one"] : ["Show me bestsellers"],
        };
        var state = ShownProducts.Showing(ProductTarget.Focus(turn.State, target), picks, 0);
        return Task.FromResult(new TurnAnswer(reply, state));
    }

    private List<RankedProduct> SameMaker(Turn turn, Domain.Catalog.Product product, Conversation.State.ShoppingSlots slots)
    {
        if (string.IsNullOrWhiteSpace(product.Vendor)) return [];
        var request = ProductRetriever.Request(slots with { Vendors = [product.Vendor] }, 40, null, includeMaterials: true);
        return catalog.Search(turn.ShopId, request)
            .Where(h => h.Product.Id != product.Id && h.BestVariant is not null
                        && h.Product.Vendor.Equals(product.Vendor, StringComparison.OrdinalIgnoreCase)
                        && !h.Product.ProductType.Equals(product.ProductType, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(h => turn.Ranking.Prior(h.Product))
            .Take(Count)
            .Select(h =>
            {
                var variant = turn.Ranking.ChooseVariant(h.Product, h.BestVariant!, slots);
                var reasons = new List<string> { $"also by {product.Vendor}" };
                reasons.AddRange(ReasonWriter.For(h.Product, variant, slots, turn.Currency, turn.Ranking.Signals(h.Product, variant)));
                return new RankedProduct(h.Product, variant, h.Score) { Reasons = reasons.Distinct().Take(ReasonWriter.MaxReasons).ToList() };
            })
            .ToList();
    }
}
