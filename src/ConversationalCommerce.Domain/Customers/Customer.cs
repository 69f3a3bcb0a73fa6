namespace ConversationalCommerce.Domain.Customers;

/// <summary>One person per shop: a Shopify customer, or a profile we built from channel identities.</summary>
public sealed class Customer : IShopOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ShopId { get; set; }
    /// <summary>Null for shoppers Shopify does not know (anonymous widget visitors, new WhatsApp numbers).</summary>
    public long? ShopifyId { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    /// <summary>E.164.</summary>
    public string? Phone { get; set; }
    public bool EmailMarketingConsent { get; set; }
    public bool SmsMarketingConsent { get; set; }
    public string Tags { get; set; } = "";
    public string? Locale { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<ChannelIdentity> Identities { get; set; } = [];

    public string DisplayName => string.Join(' ', new[] { FirstName, LastName }.Where(s => !string.IsNullOrWhiteSpace(s)));
}
