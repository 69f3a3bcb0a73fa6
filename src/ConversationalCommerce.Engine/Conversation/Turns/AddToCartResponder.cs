using System.Globalization;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Engine.Catalog;
using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Recommendations;
using ConversationalCommerce.Engine.Replies;
using ConversationalCommerce.Engine.Search;
using ConversationalCommerce.Engine.Search.Analysis;

namespace ConversationalCommerce.Engine.Conversation.Turns;

/// <summary>
/// "Add the blue one in M to my cart": resolves the product and the in-stock variant, and emits an "add_to_cart"
/// action with the variant id for the channel to perform. When several variants fit, it asks which.
/// </summary>
public sealed partial class AddToCartResponder(ICatalogSearch catalog, BoughtTogether together) : ITurnResponder
{
    public IReadOnlyCollection<string> Intents => [CommerceIntents.AddToCart];

    public Task<TurnAnswer> RespondAsync(Turn turn, CancellationToken cancellationToken)
    {
        // "checkout" is not "add it again": the cart is where checkout starts.
        if (CheckoutRequest().IsMatch(turn.Text))
            return Task.FromResult(new TurnAnswer(new Reply
            {
                Text = turn.Phrasing.Pick("You can check out from your cart: use the \u201cView cart\u201d link under the last item I added, or the cart at the top of the page.",
                    "Checkout starts from your cart: the \u201cView cart\u201d link under the last item added, or the cart icon of the shop."),
                QuickReplies = ["Shipping info", "Show me bestsellers"],
            }, turn.State));
        var target = ProductTarget.Find(turn, catalog);
        if (target is null) return Task.FromResult(new TurnAnswer(new Reply { Text = "Which product shall I add? Tell me its name or pick one from the list (\"the first one\")." }, turn.State));
        var product = target.Product;
        var e = turn.Prediction.Entities;
        if (MakeIt().IsMatch(turn.Text) && e.Quantity is { } total && turn.State.LastAdded is { } last && last.ProductId == product.Id
            && product.Variants.FirstOrDefault(v => v.ShopifyId == last.VariantId) is { } lastVariant)
            return Task.FromResult(TopUp(turn, product, lastVariant, last, total));
        var sizes = e.Sizes.Count > 0 ? e.Sizes : turn.Slots.Sizes;
        var colors = e.Colors.Count > 0 ? e.Colors : turn.Slots.Colors;
        var candidates = product.Variants.Where(v => v.IsAvailable && Fits(product, v, sizes, "size") && Fits(product, v, colors, "color", "colour")).ToList();
        // The variant the shopper saw on the card wins when it still fits.
        var chosen = candidates.FirstOrDefault(v => v.ShopifyId == target.VariantId && sizes.Count == 0 && colors.Count == 0)
                     ?? (candidates.Count == 1 || SizeIsDecided(product, sizes) && ColorIsDecided(product, colors) ? candidates.FirstOrDefault() : null);

        // Options the shopper did not name keep the values of the variant on the card ("in M" keeps the colour shown).
        if (chosen is null && candidates.Count > 1 && product.Variants.FirstOrDefault(v => v.ShopifyId == target.VariantId) is { } shownVariant)
        {
            var sameRest = candidates.Where(v => (sizes.Count > 0 || SameOption(product, v, shownVariant, "size"))
                                                 && (colors.Count > 0 || SameOption(product, v, shownVariant, "color", "colour"))).ToList();
            if (sameRest.Count == 1) chosen = sameRest[0];
        }

        if (product.IsPurchasable && candidates.Count == 0 && (sizes.Count > 0 || colors.Count > 0)
            && !product.Variants.Any(v => Fits(product, v, sizes, "size") && Fits(product, v, colors, "color", "colour")))
        {
            // Not sold out: it is not made in that ("a medium in white" of a tee that has no white).
            var inStock = ProductFacts.InStockVariants(product);
            return Task.FromResult(new TurnAnswer(new Reply
            {
                Text = $"The {product.Title} doesn't come in {string.Join(" / ", sizes.Select(SlotDescription.SizeLabel).Concat(colors))}." +
                       (inStock.Count > 0 ? $" In stock now: {string.Join(", ", inStock)}." : ""),
                Products = [ProductTarget.Card(turn, target)],
                QuickReplies = ["Show me similar"],
            }, ProductTarget.Focus(turn.State, target)));
        }
        if (!product.IsPurchasable || candidates.Count == 0)
        {
            var asked = string.Join(" / ", sizes.Select(SlotDescription.SizeLabel).Concat(colors));
            return Task.FromResult(new TurnAnswer(new Reply
            {
                Text = $"Sorry, the {product.Title} is sold out{(asked.Length > 0 ? $" in {asked}" : "")} right now.",
                Products = [ProductTarget.Card(turn, target)],
                QuickReplies = ["Show me similar"],
            }, ProductTarget.Focus(turn.State, target)));
        }
        if (chosen is null)
        {
            var choices = candidates.Select(v => v.Title).Distinct().Take(6).ToList();
            return Task.FromResult(new TurnAnswer(new Reply
            {
                Text = $"Which one would you like: {string.Join(", ", choices)}?",
                Products = [ProductTarget.Card(turn, target)],
                QuickReplies = choices,
            }, ProductTarget.Focus(turn.State, target) with { PendingQuestion = PendingQuestions.VariantChoice }));
        }

        var quantity = Math.Clamp(e.Quantity ?? 1, 1, 20);
        var label = chosen.Title == "Default Title" ? product.Title : $"{product.Title} ({chosen.Title})";
        // Suggest what other shoppers bought with it; those become the list "the first one" refers to next.
        var carted = turn.State.Carted.Contains(product.Id) ? turn.State.Carted : [.. turn.State.Carted, product.Id];
        var extras = together.For(product.Id, turn.Slots, turn.Ranking, 2, carted);
        var suggestion = extras.Count == 0 ? ""
            : "\n" + turn.Phrasing.Pick("Shoppers who bought it often added:", "Frequently bought together with it:") + " " +
              string.Join(" and ", extras.Select(x => $"{x.Product.Title} ({Money.Format(x.Variant.Price, turn.Currency)})")) + ".";
        var reply = new Reply
        {
            Text = $"Done: {(quantity > 1 ? $"{quantity} × " : "")}{label} at {Money.Format(chosen.Price, turn.Currency)} is going into your cart." + suggestion,
            Products = [ProductCardBuilder.Build(product, chosen, turn.Currency), .. extras.Select(x => ProductCardBuilder.Build(x, turn.Currency))],
            // The card's "View cart" link is the way to checkout; a "Checkout" chip would be read as one more add.
            QuickReplies = extras.Count > 0 ? ["Add the second one too", "Show me bestsellers"] : ["Show me bestsellers", "Gift ideas"],
            Actions =
            [
                new ReplyAction(ReplyActions.AddToCart, new Dictionary<string, string>
                {
                    ["variantId"] = chosen.ShopifyId.ToString(CultureInfo.InvariantCulture),
                    ["productId"] = product.ShopifyId.ToString(CultureInfo.InvariantCulture),
                    ["quantity"] = quantity.ToString(CultureInfo.InvariantCulture),
                }),
            ],
        };
        var shown = new List<RankedProduct> { new(product, chosen, 0) };
        shown.AddRange(extras);
        var state = ShownProducts.Showing(turn.State, shown, 0) with
        {
            FocusProductId = product.Id, PendingQuestion = null, Carted = carted.TakeLast(50).ToList(),
            LastAdded = new CartLine(product.Id, chosen.ShopifyId, quantity),
        };
        return Task.FromResult(new TurnAnswer(reply, state));
    }

    /// <summary>"Make it 2" right after adding one: add the difference, never the number again.</summary>
    private static TurnAnswer TopUp(Turn turn, Product product, ProductVariant variant, CartLine last, int total)
    {
        var label = variant.Title == "Default Title" ? product.Title : $"{product.Title} ({variant.Title})";
        var card = ProductCardBuilder.Build(product, variant, turn.Currency);
        if (total <= last.Quantity)
            return new TurnAnswer(new Reply
            {
                Text = $"You have {last.Quantity} × {label} in your cart from here already; you can lower the quantity in the cart.",
                Products = [card],
            }, turn.State);
        var more = Math.Min(total - last.Quantity, 20);
        return new TurnAnswer(new Reply
        {
            Text = $"Done: {more} more {label}, {last.Quantity + more} in your cart now.",
            Products = [card],
            QuickReplies = ["Show me bestsellers", "Gift ideas"],
            Actions =
            [
                new ReplyAction(ReplyActions.AddToCart, new Dictionary<string, string>
                {
                    ["variantId"] = variant.ShopifyId.ToString(CultureInfo.InvariantCulture),
                    ["productId"] = product.ShopifyId.ToString(CultureInfo.InvariantCulture),
                    ["quantity"] = more.ToString(CultureInfo.InvariantCulture),
                }),
            ],
        }, turn.State with { LastAdded = last with { Quantity = last.Quantity + more }, PendingQuestion = null });
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bmake\s+(?:it|that|them|those)\s+\w+\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex MakeIt();

    private static bool Fits(Product product, ProductVariant v, IReadOnlyList<string> wanted, params string[] option)
    {
        if (wanted.Count == 0) return true;
        var value = ReasonWriter.OptionValue(product, v, option);
        return value is null || wanted.Any(w => ColorFamilies.Answers(value, w));
    }

    private static bool SameOption(Product product, ProductVariant a, ProductVariant b, params string[] option) =>
        string.Equals(ReasonWriter.OptionValue(product, a, option), ReasonWriter.OptionValue(product, b, option), StringComparison.OrdinalIgnoreCase);

    private static bool SizeIsDecided(Product product, IReadOnlyList<string> sizes) => sizes.Count > 0 || !HasOption(product, "size");
    private static bool ColorIsDecided(Product product, IReadOnlyList<string> colors) => colors.Count > 0 || !HasOption(product, "color", "colour");

    private static bool HasOption(Product product, params string[] names) =>
        product.Variants.Select(v => ReasonWriter.OptionValue(product, v, names)).OfType<string>().Distinct().Count() > 1;

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:(?:go|take\s+me|proceed)\s+to\s+(?:the\s+)?)?(?:check\s*-?\s*out|checkout|(?:my\s+)?cart|view\s+(?:my\s+)?cart|pay(?:\s+now)?)\s*(?:now|please)?\s*[.!?]*\s*$",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex CheckoutRequest();
}
