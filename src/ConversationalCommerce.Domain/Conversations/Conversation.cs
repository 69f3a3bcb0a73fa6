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
    /// <summary>
    /// During a merchant's takeover (<see cref="ConversationStatus.HandedOff"/>): true once the shopper was told that a
    /// person will answer (or the merchant wrote first), so the notice is sent at most once per takeover.
    /// </summary>
    public bool TakeoverNoticeSent { get; set; }
    /// <summary>Serialized engine state: slots, last products shown, cart intent.</summary>
    public string StateJson { get; set; } = "{}";
    public long LastSeq { get; set; }
    /// <summary>Optimistic concurrency: two nodes answering the same thread never both win.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
    public List<Message> Messages { get; set; } = [];
}

public enum ConversationStatus
{
    /// <summary>The assistant answers.</summary>
    Open = 0,
    /// <summary>A merchant has taken the thread over: shopper messages are stored and shown to them, the assistant is silent.</summary>
    HandedOff = 1,
    Closed = 2,
    /// <summary>The shopper asked for a person and nobody has taken over yet; the assistant keeps answering meanwhile.</summary>
    WaitingForHuman = 3,
}
