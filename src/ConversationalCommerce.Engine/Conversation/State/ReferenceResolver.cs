using ConversationalCommerce.Engine.Search.Analysis;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Engine.Entities;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Conversation.State;

/// <summary>A product the shopper pointed at, with the variant that was shown for it.</summary>
public sealed record ReferencedProduct(Product Product, long? VariantId);

/// <summary>
/// Turns "the second one", "these two", "the blue one", "that mug" and "it" into products, against the list the
/// shopper last saw (and the product in focus). Products no longer in the catalog are dropped.
/// </summary>
public static class ReferenceResolver
{
    public static IReadOnlyList<ReferencedProduct> Resolve(Guid shopId, ConversationState state, IReadOnlyList<ProductReference> references, ICatalogSearch catalog)
    {
        var shown = state.Shown
            .Select(s => (Shown: s, Product: catalog.Get(shopId, s.ProductId)))
            .Where(x => x.Product is not null)
            .Select(x => new ReferencedProduct(x.Product!, x.Shown.VariantId))
            .ToList();
        var found = new List<ReferencedProduct>();
        foreach (var reference in references)
        {
            switch (reference.Kind)
            {
                case ReferenceKind.Ordinal when reference.Ordinal is { } n:
                    var index = n < 0 ? shown.Count + n : n - 1;
                    if (index >= 0 && index < shown.Count) Add(found, shown[index]);
                    break;
                case ReferenceKind.Set:
                    var take = reference.Count ?? shown.Count;
                    foreach (var p in reference.FromEnd ? shown.TakeLast(take) : shown.Take(take)) Add(found, p);
                    break;
                case ReferenceKind.Attribute when reference.Attribute is { } word && PriceOrder(word) is { } order && shown.Count > 0:
                    // "the cheaper one", "the most expensive": by the price shown, among what was shown.
                    var byPrice = shown.Zip(state.Shown, (p, s) => (Product: p, s.Price)).ToList();
                    Add(found, (order < 0 ? byPrice.MinBy(x => x.Price) : byPrice.MaxBy(x => x.Price)).Product);
                    break;
                case ReferenceKind.Attribute when reference.Attribute is { } word:
                    var byAttribute = shown.Where(p => Mentions(p, word)).ToList();
                    // "the red one" is the Burgundy scarf when no shown product says red.
                    if (byAttribute.Count == 0) byAttribute = shown.Where(p => InColorFamily(p, word)).ToList();
                    if (byAttribute.Count > 0) Add(found, byAttribute[0]);
                    break;
                case ReferenceKind.Noun when reference.Attribute is { } noun:
                    var byNoun = shown.Where(p => NamesNoun(p.Product, noun)).ToList();
                    if (byNoun.Count > 0) Add(found, byNoun[0]);
                    else if (Focus(shopId, state, catalog, shown) is { } focused && NamesNoun(focused.Product, noun)) Add(found, focused);
                    break;
                case ReferenceKind.Focus:
                    if (Focus(shopId, state, catalog, shown) is { } focus) Add(found, focus);
                    break;
            }
        }
        return found;
    }

    /// <summary>The product "it" means: the one in focus, else the only one shown.</summary>
    public static ReferencedProduct? Focus(Guid shopId, ConversationState state, ICatalogSearch catalog, IReadOnlyList<ReferencedProduct>? shown = null)
    {
        if (state.FocusProductId is { } id && catalog.Get(shopId, id) is { } product)
            return new ReferencedProduct(product, state.Shown.FirstOrDefault(s => s.ProductId == id)?.VariantId);
        shown ??= state.Shown.Select(s => catalog.Get(shopId, s.ProductId) is { } p ? new ReferencedProduct(p, s.VariantId) : null)
            .OfType<ReferencedProduct>().ToList();
        return shown.Count == 1 ? shown[0] : null;
    }

    /// <summary>-1 for "cheaper" / "cheapest" / "less expensive", +1 for "pricier" / "more expensive" / "dearest", else null.</summary>
    private static int? PriceOrder(string word) => word.ToLowerInvariant() switch
    {
        "cheaper" or "cheapest" or "less expensive" or "least expensive" or "lower priced" or "more affordable" or "budget" => -1,
        "pricier" or "priciest" or "more expensive" or "most expensive" or "dearer" or "dearest" or "higher priced" or "fancier" => 1,
        _ => null,
    };

    private static void Add(List<ReferencedProduct> found, ReferencedProduct product)
    {
        if (found.All(f => f.Product.Id != product.Product.Id)) found.Add(product);
    }

    /// <summary>"the blue one": the word in the title, the shown variant's options, any purchasable variant's options, or the tags.</summary>
    private static bool Mentions(ReferencedProduct p, string phrase)
    {
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        bool Has(string? text) => text is not null && words.All(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
        if (Has(p.Product.Title) || Has(p.Product.ProductType)) return true;
        if (p.Product.Variants.Any(v => v.IsAvailable && (Has(v.Option1) || Has(v.Option2) || Has(v.Option3)))) return true;
        return Has(p.Product.Tags);
    }

    private static bool InColorFamily(ReferencedProduct p, string word) =>
        p.Product.Variants.Any(v => v.IsAvailable && (ColorFamilies.IsA(v.Option1, word) || ColorFamilies.IsA(v.Option2, word) || ColorFamilies.IsA(v.Option3, word)));

    private static bool NamesNoun(Product product, string noun)
    {
        var singular = noun.EndsWith('s') && noun.Length > 3 ? noun[..^1] : noun;
        return product.Title.Contains(singular, StringComparison.OrdinalIgnoreCase)
               || product.ProductType.Contains(singular, StringComparison.OrdinalIgnoreCase);
    }
}
