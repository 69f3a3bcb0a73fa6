namespace ConversationalCommerce.Shopify.Webhooks.Payloads;

/// <summary>orders/create and orders/updated (REST Order), the fields we keep.</summary>
public sealed class OrderPayload
{
    public long Id { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public decimal? TotalPrice { get; set; }
    public string? Currency { get; set; }
    public string? FinancialStatus { get; set; }
    public string? FulfillmentStatus { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public CustomerPayload? Customer { get; set; }
    public List<LineItemPayload> LineItems { get; set; } = [];
    public List<FulfillmentPayload> Fulfillments { get; set; } = [];
}

public sealed class LineItemPayload
{
    public long Id { get; set; }
    public long? ProductId { get; set; }
    public long? VariantId { get; set; }
    public string? Title { get; set; }
    public string? VariantTitle { get; set; }
    public int Quantity { get; set; }
    public decimal? Price { get; set; }
}

public sealed class FulfillmentPayload
{
    public string? TrackingUrl { get; set; }
    public List<string> TrackingUrls { get; set; } = [];
}
