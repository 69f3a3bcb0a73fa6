namespace ConversationalCommerce.Engine.Context;

/// <summary>What the shop's order history says about its products: how well each sells, and what sells together.</summary>
public interface IPurchaseStatsSource
{
    Task<PurchaseStats> GetAsync(Guid shopId, CancellationToken cancellationToken);
}

/// <param name="UnitsSold">Units per product over the popularity window (cancelled orders excluded).</param>
/// <param name="BoughtTogether">Per product, the other products found in the same orders, most orders first.</param>
public sealed record PurchaseStats(
    IReadOnlyDictionary<Guid, int> UnitsSold,
    IReadOnlyDictionary<Guid, IReadOnlyList<CoPurchase>> BoughtTogether)
{
    public static readonly PurchaseStats Empty = new(new Dictionary<Guid, int>(), new Dictionary<Guid, IReadOnlyList<CoPurchase>>());

    public int Units(Guid productId) => UnitsSold.GetValueOrDefault(productId);
}

/// <param name="Orders">How many orders held both products.</param>
public sealed record CoPurchase(Guid ProductId, int Orders);
