namespace ConversationalCommerce.Domain.Sync;

/// <summary>
/// Shopify's updated_at of the last applied change, for resources whose rows have no UpdatedAt of their own
/// (inventory items live on variants), so an older webhook never overwrites a newer one.
/// </summary>
public sealed class ShopifyResourceVersion : IShopOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ShopId { get; set; }
    public required string ResourceType { get; set; }
    public long ShopifyId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
