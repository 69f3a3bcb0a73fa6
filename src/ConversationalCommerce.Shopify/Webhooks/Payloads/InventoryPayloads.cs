namespace ConversationalCommerce.Shopify.Webhooks.Payloads;

/// <summary>inventory_levels/update, /connect and /disconnect (disconnect carries only the two ids).</summary>
public sealed class InventoryLevelPayload
{
    public long InventoryItemId { get; set; }
    public long LocationId { get; set; }
    public int? Available { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>inventory_items/update (REST InventoryItem).</summary>
public sealed class InventoryItemPayload
{
    public long Id { get; set; }
    public string? Sku { get; set; }
    public bool? Tracked { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}
