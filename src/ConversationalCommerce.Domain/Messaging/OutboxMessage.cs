namespace ConversationalCommerce.Domain.Messaging;

using ConversationalCommerce.Domain.Conversations;

/// <summary>A send to a channel provider, recorded with the reply so it survives a crash; sent in order per conversation.</summary>
public sealed class OutboxMessage : IShopOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ShopId { get; set; }
    public Guid ConversationId { get; set; }
    public Guid MessageId { get; set; }
    public Channel Channel { get; set; }
    /// <summary>Channel address: phone (E.164) or email.</summary>
    public required string Recipient { get; set; }
    public required string PayloadJson { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>The provider's id of the sent message (wamid, Message-ID); status callbacks find the row by it.</summary>
    public string? ProviderMessageId { get; set; }
    public string? Error { get; set; }
}

public enum OutboxStatus
{
    Pending = 0,
    Sent = 1,
    Failed = 2,
    Cancelled = 3,
}
