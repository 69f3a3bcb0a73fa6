namespace ConversationalCommerce.Engine.Context;

/// <summary>A known customer's history with the shop, for order status and as a ranking signal.</summary>
public interface ICustomerProfileSource
{
    /// <summary>Null when the shop has no such customer.</summary>
    Task<CustomerProfile?> GetAsync(Guid shopId, Guid customerId, CancellationToken cancellationToken);

    /// <summary>
    /// The profile as read at most <paramref name="maxAge"/> ago (for ranking, where a few seconds of staleness do not
    /// matter; order status uses <see cref="GetAsync"/>). Sources without a cache read it now.
    /// </summary>
    Task<CustomerProfile?> GetRecentAsync(Guid shopId, Guid customerId, TimeSpan maxAge, CancellationToken cancellationToken) =>
        GetAsync(shopId, customerId, cancellationToken);

    /// <summary>Drops what this process remembers of the customers (erased or redacted): the next read goes to the database.</summary>
    void Forget(Guid shopId, IEnumerable<Guid> customerIds)
    {
    }
}

/// <param name="Orders">Most recent first.</param>
public sealed record CustomerProfile(Guid CustomerId, string? FirstName, IReadOnlyList<OrderSummary> Orders)
{
    /// <summary>Sizes the customer bought, per product type (e.g. "Sweater" -> ["M"]), most frequent first.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> SizesByType { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    /// <summary>Shopify ids of products bought.</summary>
    public IReadOnlySet<long> ProductsBought { get; init; } = new HashSet<long>();
    /// <summary>Product types bought, with units.</summary>
    public IReadOnlyDictionary<string, int> TypesBought { get; init; } = new Dictionary<string, int>();
}

public sealed record OrderSummary(
    string Name,
    DateTimeOffset CreatedAt,
    decimal Total,
    string Currency,
    string FinancialStatus,
    string? FulfillmentStatus,
    string? TrackingUrl,
    DateTimeOffset? CancelledAt,
    IReadOnlyList<OrderLineSummary> Lines);

public sealed record OrderLineSummary(string Title, string? VariantTitle, int Quantity, long? ProductShopifyId);
