namespace ConversationalCommerce.Shopify.Webhooks;

/// <summary>The bulk sync's hook for bulk_operations/finish (it downloads the result file). Implemented by the sync feature.</summary>
public interface IBulkOperationListener
{
    Task BulkOperationFinishedAsync(Guid shopId, BulkOperationFinished operation, CancellationToken cancellationToken);
}

/// <param name="OperationId">The GID, e.g. gid://shopify/BulkOperation/147595010.</param>
/// <param name="Status">"completed", "failed", "canceled" or "expired".</param>
public sealed record BulkOperationFinished(string OperationId, string Status, string? ErrorCode, string? Type, DateTimeOffset? CompletedAt);
