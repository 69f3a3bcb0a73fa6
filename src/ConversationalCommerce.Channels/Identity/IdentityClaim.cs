using ConversationalCommerce.Domain.Customers;

namespace ConversationalCommerce.Channels.Identity;

/// <summary>An address and the verified evidence that the person presenting it owns it.</summary>
/// <param name="Evidence">One of <see cref="IdentityEvidence"/>.</param>
public sealed record IdentityClaim(ChannelIdentityKind Kind, string Value, string Evidence);

/// <summary>The only kinds of evidence that link an address to a profile. Anything a shopper merely types is not among them.</summary>
public static class IdentityEvidence
{
    /// <summary>A message arrived from this WhatsApp number (Meta vouches for the sender).</summary>
    public const string WhatsAppInbound = "whatsapp-inbound";
    /// <summary>A continuity code issued to a widget conversation came back from this address.</summary>
    public const string ContinuityCode = "continuity-code";
    /// <summary>The customer answered our email with its one-time token.</summary>
    public const string EmailToken = "email-token";
    /// <summary>A storefront customer logged in (signed by Shopify's app proxy).</summary>
    public const string StorefrontLogin = "storefront-login";
    /// <summary>The shop's own customer record (Admin API) holds this email or phone.</summary>
    public const string ShopifyCustomer = "shopify-customer";
    /// <summary>The widget's own visitor id (a signed token we issued).</summary>
    public const string WidgetVisitor = "widget-visitor";
}

public enum LinkStatus
{
    /// <summary>The address was new and now belongs to the profile.</summary>
    Linked,
    /// <summary>The address already belonged to the profile.</summary>
    AlreadyLinked,
    /// <summary>The address belonged to another profile; the two were merged into <see cref="LinkResult.CustomerId"/>.</summary>
    Merged,
    /// <summary>The address belongs to another profile and the evidence conflicts; nothing changed, a record was written.</summary>
    Conflict,
}

/// <param name="CustomerId">The profile that now holds the address (the survivor of a merge).</param>
/// <param name="OtherCustomerId">The profile merged away, or the one a refused merge would have joined.</param>
public sealed record LinkResult(LinkStatus Status, Guid CustomerId, Guid? OtherCustomerId = null, string? Reason = null);
