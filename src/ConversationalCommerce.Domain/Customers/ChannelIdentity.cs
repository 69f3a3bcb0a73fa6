namespace ConversationalCommerce.Domain.Customers;

/// <summary>How we reach or recognise a customer on one channel. Linked only from verified evidence.</summary>
public sealed class ChannelIdentity : IShopOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ShopId { get; set; }
    public Guid CustomerId { get; set; }
    public ChannelIdentityKind Kind { get; set; }
    /// <summary>Normalised value: visitor id, Shopify customer id, lower-case email, E.164 phone.</summary>
    public required string Value { get; set; }
    public string Evidence { get; set; } = "";
    public DateTimeOffset VerifiedAt { get; set; }
    public DateTimeOffset? OptedInAt { get; set; }
    public string? OptInSource { get; set; }
    public DateTimeOffset? OptedOutAt { get; set; }
    /// <summary>How the customer opted out ("whatsapp-stop", "email-unsubscribe", "merchant"); kept as proof.</summary>
    public string? OptOutSource { get; set; }
}

public enum ChannelIdentityKind
{
    WidgetVisitor = 0,
    ShopifyCustomer = 1,
    Email = 2,
    Phone = 3,
}
