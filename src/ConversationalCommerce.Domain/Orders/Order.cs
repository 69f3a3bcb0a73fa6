namespace ConversationalCommerce.Domain.Orders;

public sealed class Order : IShopOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ShopId { get; set; }
    public long ShopifyId { get; set; }
    /// <summary>Shopify's order name, e.g. "#1001".</summary>
    public string Name { get; set; } = "";
    public Guid? CustomerId { get; set; }
    public long? CustomerShopifyId { get; set; }
    public string? Email { get; set; }
    public decimal TotalPrice { get; set; }
    public string Currency { get; set; } = "USD";
    public string FinancialStatus { get; set; } = "";
    public string? FulfillmentStatus { get; set; }
    public string? TrackingUrl { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public List<OrderLine> Lines { get; set; } = [];
}

public sealed class OrderLine : IShopOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ShopId { get; set; }
    public Guid OrderId { get; set; }
    public long? ProductShopifyId { get; set; }
    public long? VariantShopifyId { get; set; }
    public string Title { get; set; } = "";
    public string? VariantTitle { get; set; }
    public int Quantity { get; set; }
    public decimal Price { get; set; }
}
