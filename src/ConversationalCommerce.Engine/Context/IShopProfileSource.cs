namespace ConversationalCommerce.Engine.Context;

/// <summary>The shop facts a reply may quote: name, currency, assistant persona and policies.</summary>
public interface IShopProfileSource
{
    /// <summary>Null when the shop is unknown.</summary>
    Task<ShopProfile?> GetAsync(Guid shopId, CancellationToken cancellationToken);
}

public sealed record ShopProfile(
    Guid ShopId,
    string Name,
    string Currency,
    string AssistantName,
    string Greeting,
    string ShippingPolicy,
    string ReturnsPolicy,
    string PaymentPolicy)
{
    public static ShopProfile Default(Guid shopId) => new(shopId, "our shop", "USD", "Shopping assistant", "", "", "", "");
}
