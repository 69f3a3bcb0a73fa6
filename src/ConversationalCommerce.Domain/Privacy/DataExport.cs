namespace ConversationalCommerce.Domain.Privacy;

/// <summary>Everything we hold on one customer, produced for a GDPR data request; the merchant downloads it.</summary>
public sealed class DataExport : IShopOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ShopId { get; set; }
    /// <summary>Our customer row, when we had one.</summary>
    public Guid? CustomerId { get; set; }
    public long? ShopifyCustomerId { get; set; }
    /// <summary>Shopify's data_request.id, so a redelivered request does not produce a second export.</summary>
    public long? ShopifyRequestId { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public required string Json { get; set; }
}
