namespace ConversationalCommerce.Shopify.Webhooks.Payloads;

/// <summary>products/create and products/update (REST Product).</summary>
public sealed class ProductPayload
{
    public long Id { get; set; }
    public string? Title { get; set; }
    public string? BodyHtml { get; set; }
    public string? Vendor { get; set; }
    public string? ProductType { get; set; }
    public string? Handle { get; set; }
    public string? Status { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? Tags { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public List<VariantPayload> Variants { get; set; } = [];
    public List<ImagePayload> Images { get; set; } = [];
    public List<OptionPayload> Options { get; set; } = [];
}

public sealed class VariantPayload
{
    public long Id { get; set; }
    public long ProductId { get; set; }
    public string? Title { get; set; }
    public decimal Price { get; set; }
    public decimal? CompareAtPrice { get; set; }
    public string? Sku { get; set; }
    public int? Position { get; set; }
    public string? Option1 { get; set; }
    public string? Option2 { get; set; }
    public string? Option3 { get; set; }
    public long? InventoryItemId { get; set; }
    public int? InventoryQuantity { get; set; }
    public string? InventoryPolicy { get; set; }
    /// <summary>"shopify" when Shopify tracks stock, null when not; absent from newer versions (then inventory_items/update tells).</summary>
    public System.Text.Json.JsonElement InventoryManagement { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}

public sealed class ImagePayload
{
    public long Id { get; set; }
    public string? Src { get; set; }
    public string? Alt { get; set; }
    public int? Position { get; set; }
}

public sealed class OptionPayload
{
    public long Id { get; set; }
    public string? Name { get; set; }
    public int Position { get; set; }
    public List<string> Values { get; set; } = [];
}

/// <summary>products/delete, collections/delete, customers/delete: only the id matters.</summary>
public sealed class DeletedPayload
{
    public long Id { get; set; }
}
