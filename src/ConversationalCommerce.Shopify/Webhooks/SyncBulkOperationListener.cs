using ConversationalCommerce.Shopify.Auth;

namespace ConversationalCommerce.Shopify.Webhooks;

/// <summary>bulk_operations/finish wakes the sync waiting for that operation (or re-queues it when no worker holds it).</summary>
public sealed class SyncBulkOperationListener(ShopLifecycle lifecycle) : IBulkOperationListener
{
    public Task BulkOperationFinishedAsync(Guid shopId, BulkOperationFinished operation, CancellationToken cancellationToken) =>
        lifecycle.OnBulkOperationFinishedAsync(shopId, operation.OperationId, cancellationToken);
}
