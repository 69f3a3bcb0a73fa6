using ConversationalCommerce.Domain.Sync;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Shopify.Sync;

/// <summary>Progress of sync runs: written to the log after every checkpoint, and observable in process.</summary>
public sealed class SyncProgress(ILogger<SyncProgress> logger)
{
    /// <summary>Raised after a batch and its checkpoint are committed.</summary>
    public event Action<SyncRun>? Checkpointed;

    public void Report(SyncRun run)
    {
        logger.LogInformation(
            "Sync {SyncRunId} of shop {ShopId}: stage {Stage}, {Lines} lines applied ({Products} products, {Customers} customers, {Orders} orders, {Skipped} skipped)",
            run.Id, run.ShopId, run.Stage, run.LinesApplied, run.ProductsApplied, run.CustomersApplied, run.OrdersApplied, run.RecordsSkipped);
        Checkpointed?.Invoke(run);
    }
}

/// <summary>Wakes a sync waiting on a bulk operation when the bulk_operations/finish webhook names it.</summary>
public sealed class BulkFinishSignal
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);

    public Task WaitAsync(string operationId) =>
        _waiters.GetOrAdd(operationId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Set(string operationId) =>
        _waiters.GetOrAdd(operationId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public void Forget(string operationId) => _waiters.TryRemove(operationId, out _);
}
