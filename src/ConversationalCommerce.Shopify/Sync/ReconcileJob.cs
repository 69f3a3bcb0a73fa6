using ConversationalCommerce.Shopify.Sync.Reconcile;
using Hangfire;

namespace ConversationalCommerce.Shopify.Sync;

/// <summary>The recurring per-shop reconcile (registered at install, removed at uninstall).</summary>
public sealed class ReconcileJob(Reconciler reconciler)
{
    public const string Queue = "sync";

    [AutomaticRetry(Attempts = 1)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [Queue(Queue)]
    public Task RunAsync(Guid shopId, CancellationToken cancellationToken) => reconciler.RunAsync(shopId, cancellationToken);
}
