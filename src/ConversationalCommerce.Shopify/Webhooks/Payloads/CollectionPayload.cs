namespace ConversationalCommerce.Shopify.Webhooks.Payloads;

/// <summary>collections/create and collections/update (REST custom or smart collection; membership is not in it).</summary>
public sealed class CollectionPayload
{
    public long Id { get; set; }
    public string? Handle { get; set; }
    public string? Title { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}
