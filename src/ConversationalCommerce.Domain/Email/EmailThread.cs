namespace ConversationalCommerce.Domain.Email;

/// <summary>
/// The email side of one conversation: the unguessable reply address token (reply+token@inbound domain) that routes
/// answers back, the unsubscribe token, the customer's address and the subject the thread runs under.
/// </summary>
public sealed class EmailThread : IShopOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ShopId { get; set; }
    public Guid ConversationId { get; set; }
    public required string ReplyToken { get; set; }
    public required string UnsubscribeToken { get; set; }
    /// <summary>Lower-case address replies go to.</summary>
    public required string CustomerAddress { get; set; }
    public string Subject { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
