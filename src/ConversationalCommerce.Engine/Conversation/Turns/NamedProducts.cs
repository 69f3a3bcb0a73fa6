using System.Text.RegularExpressions;
using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Entities;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Conversation.Turns;

/// <summary>
/// Products named one by one in a message ("compare the hand cream and the face serum", "sencha vs rooibos"): each
/// part that names a product (words or a product type, not just "the blue one") is searched on its own and gives its
/// best match. Fewer than two distinct products named means none: the caller falls back to what was shown.
/// </summary>
public static partial class NamedProducts
{
    public static IReadOnlyList<ReferencedProduct> In(Turn turn, ICatalogSearch catalog)
    {
        var text = Cue().Replace(turn.Text.ToLowerInvariant(), "").Trim(' ', '?', '.', '!');
        var parts = Separator().Split(text).Where(p => p.Length > 0).ToList();
        if (parts.Count < 2) return [];
        CatalogVocabulary vocabulary;
        try
        {
            vocabulary = catalog.Vocabulary(turn.ShopId);
        }
        catch (InvalidOperationException)
        {
            return []; // the shop's index is not loaded yet
        }
        var found = new List<ReferencedProduct>();
        foreach (var part in parts.Take(4))
        {
            var e = ShopperEntityExtractor.Extract(part, vocabulary);
            if (e.Keywords.Length == 0 && e.Categories.Count == 0) return []; // "the black and the white one": references, not names
            var query = string.Join(' ', e.Materials.Concat([e.Keywords]).Concat(e.Categories).Where(s => s.Length > 0));
            var hit = catalog.Search(turn.ShopId, new SearchRequest(query) { Colors = e.Colors, PurchasableOnly = false, Limit = 1 }).FirstOrDefault();
            if (hit is null) return [];
            if (found.All(f => f.Product.Id != hit.Product.Id)) found.Add(new ReferencedProduct(hit.Product, hit.BestVariant?.ShopifyId));
        }
        return found.Count >= 2 ? found : [];
    }

    [GeneratedRegex(@"^(?:(?:can|could)\s+you\s+)?(?:please\s+)?(?:compare|(?:what(?:'s|\s+is)\s+)?(?:the\s+)?differences?\s+between|how\s+(?:does|do)|which\s+is\s+better,?)\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Cue();

    [GeneratedRegex(@"\s+(?:and|vs\.?|versus|or|against|with)\s+|\s*,\s*(?:and\s+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Separator();
}
