namespace ConversationalCommerce.Data.Scoping;

/// <summary>
/// The shop the current request or job acts for. Scoped per request/job; the DbContext filters every
/// shop-owned table by it, and with no shop set, those tables read as empty.
/// </summary>
public sealed class ShopScope
{
    public Guid ShopId { get; private set; }

    public bool IsSet => ShopId != Guid.Empty;

    public void Set(Guid shopId)
    {
        if (shopId == Guid.Empty) throw new ArgumentException("A shop scope needs a shop id.", nameof(shopId));
        if (IsSet && ShopId != shopId)
            throw new InvalidOperationException("This scope already acts for another shop; create a new scope per shop.");
        ShopId = shopId;
    }
}
