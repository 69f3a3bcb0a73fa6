using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Recommendations;

namespace ConversationalCommerce.Engine.Conversation.Turns;

/// <summary>Remembering what a reply showed, so the next turn's references resolve against it.</summary>
public static class ShownProducts
{
    public static IReadOnlyList<ShownProduct> Of(IEnumerable<RankedProduct> products) =>
        products.Select(p => new ShownProduct(p.Product.Id, p.Variant.ShopifyId, p.Product.Title, p.Variant.Price)).ToList();

    /// <summary>State after showing a list: it becomes what "the second one" means; one product shown is also the focus.</summary>
    public static ConversationState Showing(ConversationState state, IReadOnlyList<RankedProduct> products, int offset) =>
        products.Count == 0 ? state : state with
        {
            Shown = Of(products),
            ResultOffset = offset,
            FocusProductId = products.Count == 1 ? products[0].Product.Id : null,
        };
}
