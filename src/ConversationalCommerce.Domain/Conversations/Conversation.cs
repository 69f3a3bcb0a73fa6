namespace ConversationalCommerce.Domain.Conversations;

/// <summary>One thread per customer and shop, whatever the channel.</summary>
public sealed class Conversation : IShopOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ShopId { get; set; }
    public Guid? CustomerId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastMessageAt { get; set; }
    public Channel LastChannel { get; set; }
    /// <summary>The channel the customer asked replies to go to ("email me these"), when not the last one used.</summary>
    public Channel? PreferredChannel { get; set; }
    public ConversationStatus Status { get; set; }
    /// <summary>Serialized engine state: slots, last products shown, cart intent.</summary>
    public string StateJson { get; set; } = "{}";
    public long LastSeq { get; set; }
    /// <summary>Optimistic concurrency: two nodes answering the same thread never both win.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
    public List<Message> Messages { get; set; } = [];
}

public enum ConversationStatus
{
    Open = 0,
    HandedOff = 1,
    Closed = 2,
}
