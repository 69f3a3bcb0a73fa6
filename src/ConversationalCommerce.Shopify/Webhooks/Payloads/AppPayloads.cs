namespace ConversationalCommerce.Shopify.Webhooks.Payloads;

/// <summary>shop/update and app/uninstalled carry the REST Shop.</summary>
public sealed class ShopPayload
{
    public long Id { get; set; }
    public string? Name { get; set; }
    public string? Currency { get; set; }
    public string? PrimaryLocale { get; set; }
    public string? MyshopifyDomain { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>app/scopes_update.</summary>
public sealed class AppScopesPayload
{
    public long Id { get; set; }
    public List<string> Previous { get; set; } = [];
    public List<string> Current { get; set; } = [];
    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>bulk_operations/finish.</summary>
public sealed class BulkOperationPayload
{
    public string? AdminGraphqlApiId { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public string? ErrorCode { get; set; }
    /// <summary>"completed", "failed", "canceled", "expired".</summary>
    public string? Status { get; set; }
    /// <summary>"query" or "mutation".</summary>
    public string? Type { get; set; }
}
