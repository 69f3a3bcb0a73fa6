namespace ConversationalCommerce.Domain.Catalog;

public sealed class Product : IShopOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ShopId { get; set; }
    /// <summary>Numeric part of Shopify's product GID.</summary>
    public long ShopifyId { get; set; }
    public required string Handle { get; set; }
    public required string Title { get; set; }
    public string BodyHtml { get; set; } = "";
    public string Vendor { get; set; } = "";
    public string ProductType { get; set; } = "";
    /// <summary>Comma separated, as Shopify stores them.</summary>
    public string Tags { get; set; } = "";
    public ProductStatus Status { get; set; } = ProductStatus.Active;
    public bool Published { get; set; } = true;
    public string? Option1Name { get; set; }
    public string? Option2Name { get; set; }
    public string? Option3Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Shopify's updated_at of the data we hold; older payloads never overwrite newer ones.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    public List<ProductVariant> Variants { get; set; } = [];
    public List<ProductImage> Images { get; set; } = [];
    public List<ProductCollection> Collections { get; set; } = [];

    public IEnumerable<string> TagList => Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Sellable now: active, published and at least one variant can be bought.</summary>
    public bool IsPurchasable => Status == ProductStatus.Active && Published && Variants.Any(v => v.IsAvailable);
}

public enum ProductStatus
{
    Active = 0,
    Draft = 1,
    Archived = 2,
}
