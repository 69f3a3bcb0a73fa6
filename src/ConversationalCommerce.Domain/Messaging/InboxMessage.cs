namespace ConversationalCommerce.Domain.Messaging;

/// <summary>
/// Whatever arrives from outside (webhooks, channel messages) is written here before we acknowledge it;
/// jobs only carry this row's id, so a crash or a lost job loses nothing.
/// </summary>
public sealed class InboxMessage
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>"shopify", "whatsapp", "email".</summary>
    public required string Source { get; set; }
    public required string Topic { get; set; }
    /// <summary>Unique per source: Shopify event id, wamid, Message-ID.</summary>
    public required string DedupeKey { get; set; }
    public string? ShopDomain { get; set; }
    public Guid? ShopId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>When the provider says the event happened; used to apply events in order.</summary>
    public DateTimeOffset? OccurredAt { get; set; }
    public string HeadersJson { get; set; } = "{}";
    public required string Body { get; set; }
    public InboxStatus Status { get; set; }
    public int Attempts { get; set; }
    /// <summary>Not to be claimed before this time (receipt time, or the retry backoff); the sweep uses it too.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>While Processing: when the claim lapses, so a crashed worker's row is taken up again.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
}

public enum InboxStatus
{
    Pending = 0,
    Processing = 1,
    Done = 2,
    Failed = 3,
    Ignored = 4,
}
