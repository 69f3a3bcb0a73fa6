using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Recommendations;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Conversation.Turns;

/// <summary>
/// The product a question is about: the one pointed at ("the second one", "that mug", "it"), else the one in
/// focus or the only one shown, else the best match for a product named in the question ("is the linen shirt
/// washable?"). Questions about products look at the whole catalog, sold-out ones included.
/// </summary>
public static class ProductTarget
{
    public static ReferencedProduct? Find(Turn turn, ICatalogSearch catalog)
    {
        var targets = turn.Targets(catalog);
        if (targets.Count > 0) return targets[0];
        // "the second one" that points at nothing shown is not a product name to search for.
        if (turn.PointsAtNothingShown) return null;
        return Named(turn, catalog, 1).FirstOrDefault();
    }

    /// <summary>The best matches for a product named in the question ("the wool scarf"), best first; none when nothing is named.</summary>
    public static IReadOnlyList<ReferencedProduct> Named(Turn turn, ICatalogSearch catalog, int limit)
    {
        var e = turn.Prediction.Entities;
        var text = string.Join(' ', new[] { e.Keywords }.Concat(e.Categories).Concat(e.Materials).Where(s => s.Length > 0));
        if (text.Length == 0) return [];
        return catalog.Search(turn.ShopId, new SearchRequest(text) { PurchasableOnly = false, Limit = limit })
            .Select(hit => new ReferencedProduct(hit.Product, hit.BestVariant?.ShopifyId)).ToList();
    }

    public static ConversationState Focus(ConversationState state, ReferencedProduct product) =>
        state with { FocusProductId = product.Product.Id, PendingQuestion = null };

    public static Replies.ProductCard Card(Turn turn, ReferencedProduct p) =>
        Replies.ProductCardBuilder.Build(p.Product, ProductComparer.ChooseVariant(p, turn.Slots), turn.Currency);

    public const string WhichProduct = "Which product do you mean? Tell me its name, or pick one from the list (\"the second one\").";
}
