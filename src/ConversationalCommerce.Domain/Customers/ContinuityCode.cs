namespace ConversationalCommerce.Domain.Customers;

/// <summary>
/// A short one-time code that carries a widget conversation over to another channel (WhatsApp). Only a hash of the
/// code is stored; it is bound to one shop, conversation and customer, expires, and can be redeemed once.
/// </summary>
public sealed class ContinuityCode : IShopOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ShopId { get; set; }
    public Guid ConversationId { get; set; }
    public Guid? CustomerId { get; set; }
    /// <summary>Lower-case hex SHA-256 of the shop id and the normalised code.</summary>
    public required string CodeHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RedeemedAt { get; set; }
}
