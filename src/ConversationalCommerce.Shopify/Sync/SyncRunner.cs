using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Sync;
using ConversationalCommerce.Engine.Catalog;
using ConversationalCommerce.Shopify.Admin;
using ConversationalCommerce.Shopify.Sync.Apply;
using ConversationalCommerce.Shopify.Sync.Bulk;
using ConversationalCommerce.Shopify.Sync.Mapping;
using ConversationalCommerce.Shopify.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Shopify.Sync;

/// <summary>
/// Runs one <see cref="SyncRun"/>: for each stage, start a bulk query (or pick up the one already started), wait until
/// Shopify finishes it, stream its JSONL and apply it in batches, each batch committed together with the run's
/// checkpoint. Anything that stops it (crash, deploy, error) leaves a run another worker resumes where it stood.
/// </summary>
public sealed class SyncRunner(
    IServiceScopeFactory scopes,
    BulkOperations bulk,
    IHttpClientFactory httpClients,
    BulkFinishSignal finishSignal,
    SyncProgress progress,
    ICatalogChangeNotifier catalogChanges,
    IOptionsMonitor<ShopifyOptions> options,
    TimeProvider time,
    ILogger<SyncRunner> logger)
{
    public const string DownloadClientName = "shopify-bulk-download";

    public async Task RunAsync(Guid syncRunId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var run = await db.SyncRuns.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(r => r.Id == syncRunId, cancellationToken);
        if (run is null || run.IsFinished) return;
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(run.ShopId);

        if (!await TryTakeLeaseAsync(db, run.Id, cancellationToken))
        {
            logger.LogInformation("Sync {SyncRunId} is being run by another worker", run.Id);
            return;
        }
        db.ChangeTracker.Clear();
        run = await db.SyncRuns.FirstAsync(r => r.Id == syncRunId, cancellationToken);
        run.Status = SyncRunStatus.Running;
        run.Error = null;
        await SaveAsync(db, run, cancellationToken);
        logger.LogInformation("Sync {SyncRunId} of shop {ShopId} running from stage {Stage}, line {Line}", run.Id, run.ShopId, run.Stage, run.LinesApplied);

        try
        {
            while (run.Stage != SyncStage.Done)
            {
                var operation = await EnsureOperationAsync(db, run, cancellationToken);
                if (operation.Status != "COMPLETED")
                {
                    await FailAsync(db, run, $"Bulk operation of stage {run.Stage} ended {operation.Status}{(operation.ErrorCode is null ? "" : " (" + operation.ErrorCode + ")")}.");
                    return;
                }
                await ApplyFileAsync(db, run, operation, cancellationToken);
                if (run.Stage == SyncStage.Products) catalogChanges.ShopChanged(run.ShopId);
                finishSignal.Forget(operation.Id);
                run.Stage++;
                run.BulkOperationId = null;
                run.BulkOperationStatus = null;
                run.BulkObjectCount = 0;
                run.LinesApplied = 0;
                await SaveAsync(db, run, cancellationToken);
            }
            run.Status = SyncRunStatus.Completed;
            run.CompletedAt = time.GetUtcNow();
            run.LeaseUntil = null;
            await SaveAsync(db, run, cancellationToken);
            logger.LogInformation("Sync {SyncRunId} of shop {ShopId} completed: {Products} products, {Customers} customers, {Orders} orders, {Skipped} skipped",
                run.Id, run.ShopId, run.ProductsApplied, run.CustomersApplied, run.OrdersApplied, run.RecordsSkipped);
        }
        catch (Exception ex) when (ex is ShopNotConnectedException or ShopifyAccessDeniedException or ShopifyUserErrorsException or ShopifyGraphQLException)
        {
            // Retrying cannot help: the shop is gone or Shopify refuses the query.
            await FailAsync(db, run, ex.Message);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: hand the run back at once so the next worker need not wait for the lease to lapse.
            await ReleaseAsync(db, run, "Stopped before finishing; will resume.");
            throw;
        }
        catch (Exception ex)
        {
            // Transient (network, Shopify down, a broken download): keep the checkpoint, let the job retry or a sweep resume it.
            logger.LogWarning(ex, "Sync {SyncRunId} of shop {ShopId} stopped at stage {Stage}, line {Line}; it will resume", run.Id, run.ShopId, run.Stage, run.LinesApplied);
            await ReleaseAsync(db, run, ex.Message);
            throw;
        }
    }

    /// <summary>The current stage's bulk operation, started if need be, once Shopify has finished it.</summary>
    private async Task<BulkOperationState> EnsureOperationAsync(AppDbContext db, SyncRun run, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue.Sync;
        BulkOperationState state;
        if (run.BulkOperationId is null)
        {
            state = await bulk.StartAsync(run.ShopId, BulkQueries.For(run.Stage, time.GetUtcNow(), o.OrderHistory), cancellationToken);
            run.BulkOperationId = state.Id;
            run.BulkOperationStatus = state.Status;
            run.LinesApplied = 0;
            await SaveAsync(db, run, cancellationToken);
            logger.LogInformation("Sync {SyncRunId}: started bulk operation {BulkOperationId} for {Stage}", run.Id, state.Id, run.Stage);
        }

        var deadline = time.GetUtcNow() + o.BulkTimeout;
        while (true)
        {
            state = await bulk.GetAsync(run.ShopId, run.BulkOperationId!, cancellationToken);
            if (state.Status != run.BulkOperationStatus || state.ObjectCount != run.BulkObjectCount)
            {
                run.BulkOperationStatus = state.Status;
                run.BulkObjectCount = state.ObjectCount;
                logger.LogInformation("Sync {SyncRunId}: bulk operation {BulkOperationId} is {Status} ({Objects} objects)", run.Id, state.Id, state.Status, state.ObjectCount);
            }
            run.LeaseUntil = time.GetUtcNow() + o.LeaseDuration;
            await SaveAsync(db, run, cancellationToken);
            if (state.IsFinished) return state;
            if (time.GetUtcNow() > deadline) return state with { Status = "TIMEOUT" };
            // Poll, or wake early when the bulk_operations/finish webhook arrives.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(o.BulkPollInterval, time, wait.Token);
            await Task.WhenAny(delay, finishSignal.WaitAsync(state.Id));
            await wait.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task ApplyFileAsync(AppDbContext db, SyncRun run, BulkOperationState operation, CancellationToken cancellationToken)
    {
        // A completed operation that matched nothing has no file.
        if (operation.Url is null) return;
        var o = options.CurrentValue.Sync;
        var http = httpClients.CreateClient(DownloadClientName);
        using var response = await http.GetAsync(operation.Url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);

        var records = new List<BulkRecord>(o.BatchSize);
        await foreach (var record in BulkJsonlReader.ReadAsync(stream, run.LinesApplied, cancellationToken))
        {
            records.Add(record);
            if (records.Count >= o.BatchSize)
            {
                await ApplyBatchAsync(db, run, records, cancellationToken);
                records.Clear();
            }
        }
        if (records.Count > 0) await ApplyBatchAsync(db, run, records, cancellationToken);
    }

    private async Task ApplyBatchAsync(AppDbContext db, SyncRun run, List<BulkRecord> records, CancellationToken cancellationToken)
    {
        var inserts = new InsertBuffer();
        BatchResult result;
        switch (run.Stage)
        {
            case SyncStage.Products:
                result = await SyncWriter.StageProductsAsync(db, inserts, records.Select(ProductMapper.FromBulk).OfType<ShopifyProduct>().ToList(), cancellationToken);
                run.ProductsApplied += result.Applied;
                break;
            case SyncStage.Customers:
                result = await SyncWriter.StageCustomersAsync(db, inserts, records.Select(r => CustomerMapper.Map(r.Root)).OfType<Domain.Customers.Customer>().ToList(), cancellationToken);
                run.CustomersApplied += result.Applied;
                break;
            case SyncStage.Orders:
                result = await SyncWriter.StageOrdersAsync(db, inserts, records.Select(OrderMapper.FromBulk).OfType<Domain.Orders.Order>().ToList(), cancellationToken);
                run.OrdersApplied += result.Applied;
                break;
            default:
                throw new InvalidOperationException($"No records belong to stage {run.Stage}.");
        }
        run.RecordsSkipped += result.Skipped;
        run.LinesApplied = records[^1].EndLine;
        run.LeaseUntil = time.GetUtcNow() + options.CurrentValue.Sync.LeaseDuration;
        // The rows and the checkpoint commit together: a crash re-applies this batch or none of it.
        run.UpdatedAt = time.GetUtcNow();
        db.Entry(run).State = EntityState.Modified;
        await inserts.SaveAsync(db, cancellationToken);
        db.ChangeTracker.Clear();
        db.Attach(run);
        progress.Report(run);
    }

    private async Task SaveAsync(AppDbContext db, SyncRun run, CancellationToken cancellationToken)
    {
        run.UpdatedAt = time.GetUtcNow();
        if (db.Entry(run).State == EntityState.Detached) db.Attach(run);
        db.Entry(run).State = EntityState.Modified;
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<bool> TryTakeLeaseAsync(AppDbContext db, Guid runId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + options.CurrentValue.Sync.LeaseDuration;
        return await db.SyncRuns.IgnoreQueryFilters()
            .Where(r => r.Id == runId && (r.Status == SyncRunStatus.Pending || r.Status == SyncRunStatus.Running)
                        && (r.LeaseUntil == null || r.LeaseUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.LeaseUntil, until), cancellationToken) == 1;
    }

    private async Task FailAsync(AppDbContext db, SyncRun run, string error)
    {
        logger.LogError("Sync {SyncRunId} of shop {ShopId} failed at stage {Stage}: {Error}", run.Id, run.ShopId, run.Stage, error);
        db.ChangeTracker.Clear();
        run.Status = SyncRunStatus.Failed;
        run.Error = Truncate(error);
        run.LeaseUntil = null;
        run.CompletedAt = time.GetUtcNow();
        await SaveAsync(db, run, CancellationToken.None);
    }

    private async Task ReleaseAsync(AppDbContext db, SyncRun run, string error)
    {
        db.ChangeTracker.Clear();
        await db.SyncRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(r => r.Error, Truncate(error)), CancellationToken.None);
    }

    private static string Truncate(string s) => s.Length <= 2000 ? s : s[..2000];
}
