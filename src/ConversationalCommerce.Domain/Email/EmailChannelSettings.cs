namespace ConversationalCommerce.Domain.Email;

/// <summary>
/// A shop's email channel: SMTP/IMAP credentials and addresses, encrypted as one JSON document by the app before
/// they reach this row. Only the flags the IMAP poller needs to pick shops are kept in clear.
/// </summary>
public sealed class EmailChannelSettings : IShopOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ShopId { get; set; }
    public required string ProtectedJson { get; set; }
    /// <summary>True when IMAP host and user are set: the poller watches this shop's mailbox.</summary>
    public bool ImapEnabled { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
