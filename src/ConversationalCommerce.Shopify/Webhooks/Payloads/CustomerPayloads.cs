namespace ConversationalCommerce.Shopify.Webhooks.Payloads;

/// <summary>customers/create and customers/update (REST Customer); also the customer embedded in an order.</summary>
public sealed class CustomerPayload
{
    public long Id { get; set; }
    public string? Email { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Phone { get; set; }
    public string? Tags { get; set; }
    public string? Locale { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public MarketingConsentPayload? EmailMarketingConsent { get; set; }
    public MarketingConsentPayload? SmsMarketingConsent { get; set; }
}

public sealed class MarketingConsentPayload
{
    /// <summary>"subscribed", "not_subscribed", "pending", "unsubscribed", "redacted", "invalid".</summary>
    public string? State { get; set; }

    public bool Subscribed => string.Equals(State, "subscribed", StringComparison.OrdinalIgnoreCase);
}

/// <summary>customers/merge: the kept and deleted customers as GIDs, and whether the merge completed.</summary>
public sealed class CustomerMergePayload
{
    public string? AdminGraphqlApiCustomerKeptId { get; set; }
    public string? AdminGraphqlApiCustomerDeletedId { get; set; }
    public string? AdminGraphqlApiJobId { get; set; }
    /// <summary>"completed" or "failed".</summary>
    public string? Status { get; set; }
}
