namespace ConversationalCommerce.Domain.Sync;

/// <summary>
/// A Shopify resource we saw deleted. Webhooks arrive out of order and retried: an update older than
/// the delete must not bring the resource back.
/// </summary>
public sealed class ShopifyTombstone : IShopOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ShopId { get; set; }
    /// <summary>One of <see cref="ShopifyResourceType"/>.</summary>
    public required string ResourceType { get; set; }
    public long ShopifyId { get; set; }
    public DateTimeOffset DeletedAt { get; set; }
}

public static class ShopifyResourceType
{
    public const string Product = "Product";
    public const string Collection = "Collection";
    public const string Customer = "Customer";
    public const string Order = "Order";
    public const string InventoryItem = "InventoryItem";
}
