using System.Globalization;
using System.Text.Json;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Sync;
using ConversationalCommerce.Engine.Catalog;
using ConversationalCommerce.Shopify.Admin;
using ConversationalCommerce.Shopify.Sync.Apply;
using ConversationalCommerce.Shopify.Sync.Mapping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Shopify.Sync.Reconcile;

public sealed record ReconcileResult(
    long RemoteProducts, long LocalProducts, int ProductsRefetched, int ProductsRemoved,
    long RemoteCustomers, long LocalCustomers, int CustomersRefetched, bool Skipped = false)
{
    public bool Drifted => ProductsRefetched + ProductsRemoved + CustomersRefetched > 0;
}

/// <summary>
/// Catches what webhooks missed: re-fetches products and customers Shopify changed after our newest
/// <c>updatedAt</c>, and when the product counts still disagree compares the id sets (fetching the missing,
/// tombstoning the deleted).
/// </summary>
public sealed class Reconciler(
    IServiceScopeFactory scopes,
    ShopifyAdminClient client,
    ICatalogChangeNotifier catalogChanges,
    TimeProvider time,
    ILogger<Reconciler> logger)
{
    private const int Batch = 50;

    public async Task<ReconcileResult> RunAsync(Guid shopId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.SyncRuns.AnyAsync(r => r.Status == SyncRunStatus.Pending || r.Status == SyncRunStatus.Running, cancellationToken))
        {
            logger.LogInformation("Reconcile of shop {ShopId} skipped: a sync is running", shopId);
            return new ReconcileResult(0, 0, 0, 0, 0, 0, 0, Skipped: true);
        }

        // Products: everything changed since our newest copy.
        var productMark = await db.Products.MaxAsync(p => (DateTimeOffset?)p.UpdatedAt, cancellationToken);
        var refetched = 0;
        var pending = new List<ShopifyProduct>();
        await foreach (var node in client.PaginateAsync(shopId, "reconcileProducts", ReconcileQueries.ProductsUpdatedSince,
                           new Dictionary<string, object?> { ["query"] = UpdatedSince(productMark) }, ["products"], cancellationToken))
        {
            if (ProductMapper.FromNode(node) is { } p) pending.Add(p);
            if (pending.Count >= Batch) refetched += await ApplyProductsAsync(db, shopId, pending, cancellationToken);
        }
        refetched += await ApplyProductsAsync(db, shopId, pending, cancellationToken);

        // Then the counts; a difference means creates or deletes we never heard of.
        var counts = await client.ExecuteAsync(shopId, "reconcileCounts", ReconcileQueries.Counts, null, cancellationToken);
        var remoteProducts = CountOf(counts, "productsCount");
        var remoteCustomers = CountOf(counts, "customersCount");
        var localProducts = await db.Products.LongCountAsync(cancellationToken);
        var removed = 0;
        if (remoteProducts != localProducts)
        {
            logger.LogInformation("Shop {ShopId}: Shopify has {Remote} products, we have {Local}; comparing ids", shopId, remoteProducts, localProducts);
            (var fetched, removed) = await ReconcileProductIdsAsync(db, shopId, cancellationToken);
            refetched += fetched;
            localProducts = await db.Products.LongCountAsync(cancellationToken);
        }

        // Customers: everything changed since our newest copy.
        var customerMark = await db.Customers.Where(c => c.ShopifyId != null).MaxAsync(c => (DateTimeOffset?)c.UpdatedAt, cancellationToken);
        var customers = new List<Domain.Customers.Customer>();
        var customersRefetched = 0;
        await foreach (var node in client.PaginateAsync(shopId, "reconcileCustomers", ReconcileQueries.CustomersUpdatedSince,
                           new Dictionary<string, object?> { ["query"] = UpdatedSince(customerMark) }, ["customers"], cancellationToken))
        {
            if (CustomerMapper.Map(node) is { } c) customers.Add(c);
            if (customers.Count >= Batch) customersRefetched += await ApplyCustomersAsync(db, customers, cancellationToken);
        }
        customersRefetched += await ApplyCustomersAsync(db, customers, cancellationToken);
        var localCustomers = await db.Customers.LongCountAsync(c => c.ShopifyId != null, cancellationToken);
        if (remoteCustomers != localCustomers)
            logger.LogWarning("Shop {ShopId}: Shopify has {Remote} customers, we have {Local}", shopId, remoteCustomers, localCustomers);

        var result = new ReconcileResult(remoteProducts, localProducts, refetched, removed, remoteCustomers, localCustomers, customersRefetched);
        logger.LogInformation("Reconcile of shop {ShopId}: {Refetched} products re-fetched, {Removed} removed, {Customers} customers re-fetched",
            shopId, refetched, removed, customersRefetched);
        return result;
    }

    private async Task<(int Fetched, int Removed)> ReconcileProductIdsAsync(AppDbContext db, Guid shopId, CancellationToken cancellationToken)
    {
        var remote = new HashSet<long>();
        await foreach (var node in client.PaginateAsync(shopId, "reconcileProductIds", ReconcileQueries.ProductIds,
                           new Dictionary<string, object?>(), ["products"], cancellationToken))
            if (ShopifyGid.IdOf(node.Str("id"), "Product") is { } id) remote.Add(id);

        var local = await db.Products.AsNoTracking().Select(p => new { p.Id, p.ShopifyId }).ToListAsync(cancellationToken);
        var localIds = local.Select(p => p.ShopifyId).ToHashSet();

        var missing = remote.Where(id => !localIds.Contains(id)).ToList();
        var fetched = 0;
        foreach (var chunk in missing.Chunk(Batch))
        {
            var data = await client.ExecuteAsync(shopId, "reconcileProductsByIds", ReconcileQueries.ProductsByIds,
                new { ids = chunk.Select(id => ShopifyGid.Of("Product", id)).ToArray() }, cancellationToken);
            var products = data.Arr("nodes").Where(n => n.ValueKind == JsonValueKind.Object).Select(ProductMapper.FromNode).OfType<ShopifyProduct>().ToList();
            fetched += await ApplyProductsAsync(db, shopId, products, cancellationToken);
        }

        var gone = local.Where(p => !remote.Contains(p.ShopifyId)).ToList();
        if (gone.Count > 0)
        {
            var now = time.GetUtcNow();
            foreach (var chunk in gone.Chunk(500))
            {
                var rowIds = chunk.Select(p => p.Id).ToArray();
                var shopifyIds = chunk.Select(p => p.ShopifyId).ToArray();
                var known = await db.Set<ShopifyTombstone>().Where(t => t.ResourceType == ShopifyResourceType.Product && shopifyIds.Contains(t.ShopifyId))
                    .Select(t => t.ShopifyId).ToListAsync(cancellationToken);
                foreach (var id in shopifyIds.Except(known))
                    db.Add(new ShopifyTombstone { ResourceType = ShopifyResourceType.Product, ShopifyId = id, DeletedAt = now });
                await db.SaveChangesAsync(cancellationToken);
                await db.Products.Where(p => rowIds.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
                catalogChanges.ProductsRemoved(shopId, rowIds);
            }
            db.ChangeTracker.Clear();
        }
        return (fetched, gone.Count);
    }

    private async Task<int> ApplyProductsAsync(AppDbContext db, Guid shopId, List<ShopifyProduct> products, CancellationToken cancellationToken)
    {
        if (products.Count == 0) return 0;
        var inserts = new InsertBuffer();
        var result = await SyncWriter.StageProductsAsync(db, inserts, products, cancellationToken);
        await inserts.SaveAsync(db, cancellationToken);
        db.ChangeTracker.Clear();
        products.Clear();
        if (result.ChangedProductIds.Count > 0) catalogChanges.ProductsChanged(shopId, result.ChangedProductIds);
        return result.Applied;
    }

    private static async Task<int> ApplyCustomersAsync(AppDbContext db, List<Domain.Customers.Customer> customers, CancellationToken cancellationToken)
    {
        if (customers.Count == 0) return 0;
        var inserts = new InsertBuffer();
        var result = await SyncWriter.StageCustomersAsync(db, inserts, customers, cancellationToken);
        await inserts.SaveAsync(db, cancellationToken);
        db.ChangeTracker.Clear();
        customers.Clear();
        return result.Applied;
    }

    /// <summary>Shopify search syntax; with nothing local yet, everything.</summary>
    private static string? UpdatedSince(DateTimeOffset? mark) =>
        mark is { } m ? $"updated_at:>='{m.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}'" : null;

    private static long CountOf(JsonElement data, string field) =>
        data.Obj(field) is { } c && c.TryGetProperty("count", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt64() : 0;
}
