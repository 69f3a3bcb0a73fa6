namespace ConversationalCommerce.Shopify.Gdpr;

/// <summary>customers/data_request.</summary>
public sealed class CustomerDataRequestPayload
{
    public long ShopId { get; set; }
    public string? ShopDomain { get; set; }
    public List<long> OrdersRequested { get; set; } = [];
    public GdprCustomer? Customer { get; set; }
    public GdprDataRequest? DataRequest { get; set; }
}

/// <summary>customers/redact.</summary>
public sealed class CustomerRedactPayload
{
    public long ShopId { get; set; }
    public string? ShopDomain { get; set; }
    public GdprCustomer? Customer { get; set; }
    public List<long> OrdersToRedact { get; set; } = [];
}

/// <summary>shop/redact, 48 hours after uninstall.</summary>
public sealed class ShopRedactPayload
{
    public long ShopId { get; set; }
    public string? ShopDomain { get; set; }
}

public sealed class GdprCustomer
{
    public long Id { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
}

public sealed class GdprDataRequest
{
    public long Id { get; set; }
}
