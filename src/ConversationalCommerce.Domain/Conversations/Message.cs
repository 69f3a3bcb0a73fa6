namespace ConversationalCommerce.Domain.Conversations;

public sealed class Message : IShopOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ShopId { get; set; }
    public Guid ConversationId { get; set; }
    /// <summary>Order within the conversation, gap-free per thread.</summary>
    public long Seq { get; set; }
    public MessageRole Role { get; set; }
    public Channel Channel { get; set; }
    public string Text { get; set; } = "";
    /// <summary>The structured reply (cards, quick replies, intent) as JSON, for replay and rendering.</summary>
    public string? PayloadJson { get; set; }
    /// <summary>Idempotency key from the client or the provider (widget client id, wamid, Message-ID).</summary>
    public string? ExternalId { get; set; }
    public DeliveryStatus DeliveryStatus { get; set; }
    public string? DeliveryError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum MessageRole
{
    Shopper = 0,
    Assistant = 1,
    Merchant = 2,
    System = 3,
}

public enum DeliveryStatus
{
    None = 0,
    Queued = 1,
    Sent = 2,
    Delivered = 3,
    Read = 4,
    Failed = 5,
}
