namespace ConversationalCommerce.Domain.Catalog;

/// <summary>Stock of one inventory item at one location; the variant's quantity is the sum over locations.</summary>
public sealed class InventoryLevel : IShopOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ShopId { get; set; }
    public long InventoryItemId { get; set; }
    public long LocationId { get; set; }
    public int Available { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
