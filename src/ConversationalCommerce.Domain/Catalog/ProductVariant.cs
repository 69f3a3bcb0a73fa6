namespace ConversationalCommerce.Domain.Catalog;

public sealed class ProductVariant : IShopOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ShopId { get; set; }
    public Guid ProductId { get; set; }
    public long ShopifyId { get; set; }
    public string Title { get; set; } = "Default Title";
    public string? Sku { get; set; }
    public decimal Price { get; set; }
    public decimal? CompareAtPrice { get; set; }
    public string? Option1 { get; set; }
    public string? Option2 { get; set; }
    public string? Option3 { get; set; }
    public int Position { get; set; }
    public long? InventoryItemId { get; set; }
    public int InventoryQuantity { get; set; }
    public InventoryPolicy InventoryPolicy { get; set; } = InventoryPolicy.Deny;
    /// <summary>False when Shopify does not track inventory for this variant.</summary>
    public bool InventoryTracked { get; set; } = true;

    public bool IsAvailable => !InventoryTracked || InventoryPolicy == InventoryPolicy.Continue || InventoryQuantity > 0;
    public bool IsOnSale => CompareAtPrice is { } c && c > Price;
}

public enum InventoryPolicy
{
    Deny = 0,
    Continue = 1,
}
