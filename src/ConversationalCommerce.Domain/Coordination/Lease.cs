namespace ConversationalCommerce.Domain.Coordination;

/// <summary>
/// A named, time-limited claim shared by every app node through the database: whoever holds an unexpired lease does
/// the work it names (refresh one shop's Shopify token, watch one shop's mailbox); the others wait or take it over
/// once it lapses. Not shop-owned: leases coordinate nodes, they hold no shop data.
/// </summary>
public sealed class Lease
{
    /// <summary>What the lease is for, e.g. "imap:{shopId}" or "shopify-token:{shopId}".</summary>
    public string Name { get; set; } = "";
    /// <summary>The node (or call) holding it.</summary>
    public string Holder { get; set; } = "";
    public DateTimeOffset Until { get; set; }
}
