using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Recommendations;
using ConversationalCommerce.Engine.Replies;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Conversation.Turns;

/// <summary>
/// Price and discounts: a product's price and any markdown (compare-at price), or, with no product in view, what
/// is on sale now. Discount codes are not invented: only markdowns the catalog shows.
/// </summary>
public sealed class PriceResponder(ICatalogSearch catalog, SearchRecommender search) : ITurnResponder
{
    public IReadOnlyCollection<string> Intents => [CommerceIntents.PriceDiscount];

    private static readonly string[] SaleWords = ["sale", "discount", "deal", "offer", "promo", "markdown", "reduced", "clearance"];

    public Task<TurnAnswer> RespondAsync(Turn turn, CancellationToken cancellationToken)
    {
        // "what's on sale?" lists markdowns; "is it on sale?" / "how much is the blue mug?" is about one product.
        var e = turn.Prediction.Entities;
        var asksForSales = SaleWords.Any(w => turn.Text.Contains(w, StringComparison.OrdinalIgnoreCase));
        var aboutProduct = turn.Referenced.Count > 0 || (!asksForSales && (e.Keywords.Length > 0 || e.Categories.Count > 0 || turn.State.FocusProductId is not null));
        var target = aboutProduct ? ProductTarget.Find(turn, catalog) : null;
        if (target is not null)
        {
            var product = target.Product;
            var variant = ProductComparer.ChooseVariant(target, turn.Slots);
            var prices = product.Variants.Where(v => v.IsAvailable).Select(v => v.Price).Distinct().Order().ToList();
            var range = prices.Count > 1 ? $" (from {Money.Format(prices[0], turn.Currency)} to {Money.Format(prices[^1], turn.Currency)} depending on the option)" : "";
            var text = variant.IsOnSale
                ? $"The {product.Title} is on sale at {Money.Format(variant.Price, turn.Currency)}, down from {Money.Format(variant.CompareAtPrice!.Value, turn.Currency)}{range}."
                : $"The {product.Title} is {Money.Format(variant.Price, turn.Currency)}{range}. It isn't discounted right now.";
            return Task.FromResult(new TurnAnswer(new Reply
            {
                Text = text,
                Products = [ProductCardBuilder.Build(product, variant, turn.Currency)],
                QuickReplies = ["What's on sale?", "Add it to my cart"],
            }, ProductTarget.Focus(turn.State, target)));
        }

        var slots = turn.Slots with { Keywords = "", Categories = e.Categories };
        var sale = search.Recommend(slots, turn.Ranking, 0, BrowseResponder.PageSize, tags: ["sale"]);
        var onSale = sale.Products.Where(p => p.Variant.IsOnSale).ToList();
        if (onSale.Count == 0)
            return Task.FromResult(new TurnAnswer(new Reply
            {
                Text = "There's nothing marked down right now. I can still find something within your budget if you tell me what you're after.",
                QuickReplies = ["Gifts under $25", "Show me bestsellers"],
            }, turn.State));
        var lines = onSale.Select((r, i) => $"{i + 1}. {r.Product.Title}: {Money.Format(r.Variant.Price, turn.Currency)} (was {Money.Format(r.Variant.CompareAtPrice!.Value, turn.Currency)})");
        var reply = new Reply
        {
            Text = turn.Phrasing.Pick("A few things on sale right now:", "These are marked down at the moment:") + "\n" + string.Join("\n", lines),
            Products = onSale.Select(r => ProductCardBuilder.Build(r, turn.Currency)).ToList(),
            QuickReplies = ["Show me more", "Which one do you recommend?"],
        };
        return Task.FromResult(new TurnAnswer(reply, ShownProducts.Showing(turn.State with { Slots = slots }, onSale, 0)));
    }
}
