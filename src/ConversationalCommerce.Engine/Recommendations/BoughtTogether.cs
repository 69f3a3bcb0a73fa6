using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Recommendations;

/// <summary>
/// "Frequently bought together" from the shop's own orders: the products that shared the most orders with the
/// given one, purchasable now and within the budget, each with the count that justifies it.
/// </summary>
public sealed class BoughtTogether(ICatalogSearch catalog)
{
    /// <summary>Pairs seen in fewer orders than this are coincidence, not a pattern.</summary>
    public const int MinOrders = 2;

    public IReadOnlyList<RankedProduct> For(Guid productId, Conversation.State.ShoppingSlots slots, RankingContext context, int count,
        IReadOnlyCollection<Guid>? exclude = null)
    {
        if (!context.Stats.BoughtTogether.TryGetValue(productId, out var partners)) return [];
        var picks = new List<RankedProduct>();
        foreach (var partner in partners)
        {
            if (picks.Count == count) break;
            if (partner.Orders < MinOrders) break;
            if (exclude?.Contains(partner.ProductId) == true) continue;
            if (catalog.Get(context.ShopId, partner.ProductId) is not { IsPurchasable: true } product) continue;
            var variant = product.Variants.Where(v => v.IsAvailable && (slots.MaxPrice is not { } max || v.Price <= max))
                .OrderBy(v => v.Position).FirstOrDefault();
            if (variant is null) continue;
            variant = context.ChooseVariant(product, variant, slots with { Colors = [], Sizes = [] });
            var reasons = new List<string> { $"bought together in {partner.Orders} orders" };
            reasons.AddRange(ReasonWriter.For(product, variant, slots with { Colors = [], Sizes = [], Materials = [] }, context.Currency, context.Signals(product, variant)));
            picks.Add(new RankedProduct(product, variant, partner.Orders) { Reasons = reasons.Distinct().Take(ReasonWriter.MaxReasons).ToList() });
        }
        return picks;
    }
}
