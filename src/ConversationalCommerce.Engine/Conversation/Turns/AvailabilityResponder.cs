using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Engine.Catalog;
using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Recommendations;
using ConversationalCommerce.Engine.Replies;
using ConversationalCommerce.Engine.Search;
using ConversationalCommerce.Engine.Search.Analysis;

namespace ConversationalCommerce.Engine.Conversation.Turns;

/// <summary>"Is it in stock (in M / in blue)?": per variant, from the synced inventory; pre-orders said as such.</summary>
public sealed class AvailabilityResponder(ICatalogSearch catalog) : ITurnResponder
{
    public IReadOnlyCollection<string> Intents => [CommerceIntents.Availability];

    public Task<TurnAnswer> RespondAsync(Turn turn, CancellationToken cancellationToken)
    {
        var target = ProductTarget.Find(turn, catalog);
        var asksVariant = turn.Prediction.Entities.Colors.Count > 0 || turn.Prediction.Entities.Sizes.Count > 0;
        // "Do you have them in purple?" (all shown) or "it" when several were shown: which of them come in it.
        var several = turn.Targets(catalog) is { Count: >= 2 } set ? set.Select(t => t.Product).ToList()
            : target is null && turn.State.Shown.Count >= 2 ? turn.State.Shown.Select(s => catalog.Get(turn.ShopId, s.ProductId)).OfType<Product>().ToList()
            : null;
        if (several is not null && asksVariant) return Task.FromResult(AmongShown(turn, several));
        if (target is null) return Task.FromResult(new TurnAnswer(new Reply { Text = ProductTarget.WhichProduct }, turn.State));
        var product = target.Product;
        var e = turn.Prediction.Entities;
        // "is the red one in stock?": the word that picked the product is also the colour asked about.
        var colors = e.Colors.Concat(e.References.Where(r => r.Kind == Entities.ReferenceKind.Attribute && r.Attribute is not null)
                .Select(r => r.Attribute!).Where(a => product.Variants.Any(v => ColorFamilies.IsA(ReasonWriter.OptionValue(product, v, "color", "colour"), a))))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        e = e with { Colors = colors };
        var wanted = product.Variants.Where(v => Matches(product, v, e.Sizes, "size") && Matches(product, v, e.Colors, "color", "colour")).ToList();
        var asked = string.Join(" ", e.Sizes.Concat(e.Colors));
        string text;
        if (product.Status != ProductStatus.Active || !product.Published)
            text = $"Sorry, the {product.Title} isn't available to order at the moment.";
        else if (wanted.Count == 0)
            text = $"The {product.Title} doesn't come in {asked}. " + Options(product);
        else if (wanted.Any(v => v.IsAvailable))
        {
            var v = wanted.First(v => v.IsAvailable);
            var named = new[] { e.Sizes.Count > 0 ? ReasonWriter.OptionValue(product, v, "size") : null, e.Colors.Count > 0 ? ReasonWriter.OptionValue(product, v, "color", "colour") : null }.OfType<string>();
            var where = asked.Length > 0 ? $" in {string.Join(" ", named)}" : "";
            text = v.InventoryTracked && v.InventoryPolicy == InventoryPolicy.Deny && v.InventoryQuantity is > 0 and <= 5
                ? $"Yes, the {product.Title} is in stock{where}, but only {v.InventoryQuantity} left."
                : v.InventoryTracked && v.InventoryQuantity <= 0 && v.InventoryPolicy == InventoryPolicy.Continue
                    ? $"The {product.Title}{where} can be ordered now as a pre-order. " + (ProductFacts.Of(product).ParagraphMentioning("pre-order") ?? "")
                    : $"Yes, the {product.Title} is in stock{where}.";
            if (asked.Length == 0 && product.Variants.Any(x => !x.IsAvailable)) text += " " + Options(product);
        }
        else
            text = $"The {product.Title} is sold out{(asked.Length > 0 ? $" in {asked}" : "")} right now. " + Options(product);

        var reply = new Reply
        {
            Text = text.Trim(),
            Products = [ProductCardBuilder.Build(product, wanted.FirstOrDefault(v => v.IsAvailable) ?? ProductComparer.ChooseVariant(target, turn.Slots), turn.Currency)],
            QuickReplies = ["Add it to my cart", "Show me similar"],
        };
        return Task.FromResult(new TurnAnswer(reply, ProductTarget.Focus(turn.State, target)));
    }

    /// <summary>
    /// "Do you have them in grey?" after a list: which of the products shown come in it, in stock, rather than asking
    /// which one "it" is or answering for the first alone.
    /// </summary>
    private static TurnAnswer AmongShown(Turn turn, IReadOnlyList<Product> shown)
    {
        var e = turn.Prediction.Entities;
        var asked = string.Join(" ", e.Sizes.Concat(e.Colors));
        var fits = shown
            .Where(p => p.IsPurchasable)
            .Select(p => (Product: p, Variant: p.Variants.FirstOrDefault(v => v.IsAvailable && Matches(p, v, e.Sizes, "size") && Matches(p, v, e.Colors, "color", "colour"))))
            .Where(x => x.Variant is not null)
            .ToList();
        if (fits.Count == 0)
            return new TurnAnswer(new Reply
            {
                Text = $"None of these comes in {asked} right now. Shall I look for others in {asked}?",
                QuickReplies = [$"Show me {asked} ones", "Show me more"],
            }, turn.State);
        var names = fits.Select(x => $"the {x.Product.Title}" +
            (e.Colors.Count > 0 && ReasonWriter.OptionValue(x.Product, x.Variant!, "color", "colour") is { } shade && !shade.Equals(asked, StringComparison.OrdinalIgnoreCase) ? $" (in {shade})" : "")).ToList();
        var list = Phrasing.Listing(names);
        var text = fits.Count == 1
            ? $"Yes: {list} comes in {asked} and is in stock."
            : $"Yes, in stock in {asked}: {list}. Which one would you like?";
        return new TurnAnswer(new Reply
        {
            Text = text,
            Products = fits.Select(x => ProductCardBuilder.Build(x.Product, x.Variant!, turn.Currency)).ToList(),
            QuickReplies = fits.Count == 1 ? ["Add it to my cart"] : ["Add the first one to my cart", "Compare them"],
        }, ShownProducts.Showing(turn.State, fits.Select(x => new RankedProduct(x.Product, x.Variant!, 0)).ToList(), turn.State.ResultOffset));
    }

    private static bool Matches(Product product, ProductVariant v, IReadOnlyList<string> wanted, params string[] option)
    {
        if (wanted.Count == 0) return true;
        var value = ReasonWriter.OptionValue(product, v, option);
        if (value is null) return false;
        return wanted.Any(w => ColorFamilies.Answers(value, w));
    }

    private static string Options(Product product)
    {
        var available = ProductFacts.InStockVariants(product);
        if (!product.IsPurchasable) return "Would you like me to find something similar?";
        return available.Count > 0 ? $"In stock now: {string.Join(", ", available)}." : "";
    }
}
