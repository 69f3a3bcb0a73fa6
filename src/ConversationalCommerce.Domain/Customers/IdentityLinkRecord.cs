namespace ConversationalCommerce.Domain.Customers;

/// <summary>
/// The audit trail of identity linking: what evidence linked an address to a profile, which profiles were merged,
/// and which merges were refused (conflicting evidence) for a person to decide.
/// </summary>
public sealed class IdentityLinkRecord : IShopOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ShopId { get; set; }
    /// <summary>The profile the evidence was presented for (the surviving profile of a merge).</summary>
    public Guid CustomerId { get; set; }
    /// <summary>The other profile involved: merged away, or the one a refused merge would have joined.</summary>
    public Guid? OtherCustomerId { get; set; }
    public IdentityLinkOutcome Outcome { get; set; }
    public ChannelIdentityKind Kind { get; set; }
    public string Value { get; set; } = "";
    /// <summary>"continuity-code", "email-token", "storefront-login", "shopify-customer", "whatsapp-inbound".</summary>
    public string Evidence { get; set; } = "";
    public string Detail { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}

public enum IdentityLinkOutcome
{
    Linked = 0,
    Merged = 1,
    /// <summary>Not merged automatically: the evidence conflicts (two Shopify customers, different emails or phones).</summary>
    Conflict = 2,
}
