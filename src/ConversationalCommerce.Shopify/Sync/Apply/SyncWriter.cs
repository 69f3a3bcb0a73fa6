using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Customers;
using ConversationalCommerce.Domain.Orders;
using ConversationalCommerce.Domain.Sync;
using ConversationalCommerce.Shopify.Sync.Mapping;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Shopify.Sync.Apply;

/// <summary>What one batch changed.</summary>
public sealed record BatchResult(int Applied, int Skipped, IReadOnlyList<Guid> ChangedProductIds);

/// <summary>
/// Stages upserts of one batch: new rows into an <see cref="InsertBuffer"/>, changes to held rows in the shop-scoped
/// <see cref="AppDbContext"/>; the caller saves both (with its checkpoint) through <see cref="InsertBuffer.SaveAsync"/>. Shopify's <c>updatedAt</c> decides: data not newer than what we hold (same updatedAt = same data), or older than a tombstone of the
/// same resource, is skipped, so a sync never undoes a newer webhook.
/// </summary>
public static class SyncWriter
{
    public static async Task<BatchResult> StageProductsAsync(AppDbContext db, InsertBuffer inserts, IReadOnlyList<ShopifyProduct> batch, CancellationToken cancellationToken)
    {
        var ids = batch.Select(p => p.Product.ShopifyId).Distinct().ToArray();
        // Most products of a first sync are new: load full rows only for the ones we already hold.
        var held = await db.Products.Where(p => ids.Contains(p.ShopifyId)).Select(p => p.ShopifyId).ToArrayAsync(cancellationToken);
        var existing = held.Length == 0
            ? new Dictionary<long, Product>()
            : await db.Products.Include(p => p.Variants).Include(p => p.Images).Include(p => p.Collections)
                .Where(p => held.Contains(p.ShopifyId)).AsSplitQuery().ToDictionaryAsync(p => p.ShopifyId, cancellationToken);
        var tombstones = await TombstonesAsync(db, ShopifyResourceType.Product, ids, cancellationToken);
        var collections = await StageCollectionsAsync(db, inserts, batch.SelectMany(p => p.Collections), cancellationToken);

        var applied = 0;
        var skipped = 0;
        var changed = new List<Guid>(batch.Count);
        foreach (var incoming in batch)
        {
            var p = incoming.Product;
            if (tombstones.TryGetValue(p.ShopifyId, out var deletedAt) && deletedAt >= p.UpdatedAt) { skipped++; continue; }
            if (existing.TryGetValue(p.ShopifyId, out var current))
            {
                if (current.UpdatedAt >= p.UpdatedAt) { skipped++; continue; }
                CopyProduct(p, current);
                MergeVariants(db, current, p.Variants);
                // New child rows carry client-made keys: add them explicitly, or EF takes them for existing rows.
                db.ProductImages.RemoveRange(current.Images);
                foreach (var image in p.Images)
                {
                    image.ProductId = current.Id;
                    db.ProductImages.Add(image);
                }
                MergeCollections(db, current, incoming.Collections.Select(c => collections[c.ShopifyId].Id).ToHashSet());
                p = current;
            }
            else
            {
                foreach (var collectionId in incoming.Collections.Select(c => collections[c.ShopifyId].Id).Distinct())
                    p.Collections.Add(new ProductCollection { ProductId = p.Id, CollectionId = collectionId });
                inserts.Add(db.CurrentShopId, p);
                existing[p.ShopifyId] = p;
            }
            changed.Add(p.Id);
            applied++;
        }
        return new BatchResult(applied, skipped, changed);
    }

    public static async Task<BatchResult> StageCustomersAsync(AppDbContext db, InsertBuffer inserts, IReadOnlyList<Customer> batch, CancellationToken cancellationToken)
    {
        var ids = batch.Select(c => c.ShopifyId!.Value).Distinct().ToArray();
        var existing = (await db.Customers.Where(c => c.ShopifyId != null && ids.Contains(c.ShopifyId.Value)).ToListAsync(cancellationToken))
            .GroupBy(c => c.ShopifyId!.Value).ToDictionary(g => g.Key, g => g.First());
        var tombstones = await TombstonesAsync(db, ShopifyResourceType.Customer, ids, cancellationToken);
        int applied = 0, skipped = 0;
        foreach (var c in batch)
        {
            var id = c.ShopifyId!.Value;
            if (tombstones.TryGetValue(id, out var deletedAt) && deletedAt >= c.UpdatedAt) { skipped++; continue; }
            if (existing.TryGetValue(id, out var current))
            {
                if (current.UpdatedAt >= c.UpdatedAt) { skipped++; continue; }
                current.FirstName = c.FirstName;
                current.LastName = c.LastName;
                current.Email = c.Email;
                current.Phone = c.Phone;
                current.EmailMarketingConsent = c.EmailMarketingConsent;
                current.SmsMarketingConsent = c.SmsMarketingConsent;
                current.Tags = c.Tags;
                current.Locale = c.Locale;
                current.CreatedAt = c.CreatedAt;
                current.UpdatedAt = c.UpdatedAt;
            }
            else
            {
                inserts.Add(db.CurrentShopId, c);
                existing[id] = c;
            }
            applied++;
        }
        return new BatchResult(applied, skipped, []);
    }

    public static async Task<BatchResult> StageOrdersAsync(AppDbContext db, InsertBuffer inserts, IReadOnlyList<Order> batch, CancellationToken cancellationToken)
    {
        var ids = batch.Select(o => o.ShopifyId).Distinct().ToArray();
        var existing = await db.Orders.Include(o => o.Lines).Where(o => ids.Contains(o.ShopifyId))
            .ToDictionaryAsync(o => o.ShopifyId, cancellationToken);
        var tombstones = await TombstonesAsync(db, ShopifyResourceType.Order, ids, cancellationToken);
        var customerIds = batch.Where(o => o.CustomerShopifyId is not null).Select(o => o.CustomerShopifyId!.Value).Distinct().ToArray();
        var customers = (await db.Customers.Where(c => c.ShopifyId != null && customerIds.Contains(c.ShopifyId.Value))
                .Select(c => new { c.Id, ShopifyId = c.ShopifyId!.Value }).ToListAsync(cancellationToken))
            .GroupBy(c => c.ShopifyId).ToDictionary(g => g.Key, g => g.First().Id);
        int applied = 0, skipped = 0;
        foreach (var o in batch)
        {
            if (tombstones.TryGetValue(o.ShopifyId, out var deletedAt) && deletedAt >= o.UpdatedAt) { skipped++; continue; }
            var customerId = o.CustomerShopifyId is { } cs && customers.TryGetValue(cs, out var cid) ? cid : (Guid?)null;
            if (existing.TryGetValue(o.ShopifyId, out var current))
            {
                if (current.UpdatedAt >= o.UpdatedAt) { skipped++; continue; }
                current.Name = o.Name;
                current.Email = o.Email;
                current.CustomerShopifyId = o.CustomerShopifyId;
                current.CustomerId = customerId ?? current.CustomerId;
                current.TotalPrice = o.TotalPrice;
                current.Currency = o.Currency;
                current.FinancialStatus = o.FinancialStatus;
                current.FulfillmentStatus = o.FulfillmentStatus;
                current.CreatedAt = o.CreatedAt;
                current.UpdatedAt = o.UpdatedAt;
                current.CancelledAt = o.CancelledAt;
                db.OrderLines.RemoveRange(current.Lines);
                foreach (var line in o.Lines)
                {
                    line.OrderId = current.Id;
                    db.OrderLines.Add(line);
                }
            }
            else
            {
                o.CustomerId = customerId;
                inserts.Add(db.CurrentShopId, o);
                existing[o.ShopifyId] = o;
            }
            applied++;
        }
        return new BatchResult(applied, skipped, []);
    }

    private static void CopyProduct(Product from, Product to)
    {
        to.Handle = from.Handle;
        to.Title = from.Title;
        to.BodyHtml = from.BodyHtml;
        to.Vendor = from.Vendor;
        to.ProductType = from.ProductType;
        to.Tags = from.Tags;
        to.Status = from.Status;
        to.Published = from.Published;
        to.Option1Name = from.Option1Name;
        to.Option2Name = from.Option2Name;
        to.Option3Name = from.Option3Name;
        to.CreatedAt = from.CreatedAt;
        to.UpdatedAt = from.UpdatedAt;
    }

    /// <summary>Memberships are keyed (product, collection): keep the ones that stay, drop the rest, add the new.</summary>
    private static void MergeCollections(AppDbContext db, Product product, HashSet<Guid> collectionIds)
    {
        foreach (var gone in product.Collections.Where(pc => !collectionIds.Contains(pc.CollectionId)).ToList())
        {
            product.Collections.Remove(gone);
            db.ProductCollections.Remove(gone);
        }
        var have = product.Collections.Select(pc => pc.CollectionId).ToHashSet();
        foreach (var id in collectionIds.Where(id => !have.Contains(id)))
            db.ProductCollections.Add(new ProductCollection { ProductId = product.Id, CollectionId = id });
    }

    /// <summary>Variants keep their row (and id) when Shopify keeps theirs; gone ones are removed.</summary>
    private static void MergeVariants(AppDbContext db, Product current, List<ProductVariant> incoming)
    {
        var byId = current.Variants.ToDictionary(v => v.ShopifyId);
        var keep = new HashSet<long>();
        foreach (var v in incoming)
        {
            keep.Add(v.ShopifyId);
            if (byId.TryGetValue(v.ShopifyId, out var row))
            {
                row.Title = v.Title;
                row.Sku = v.Sku;
                row.Price = v.Price;
                row.CompareAtPrice = v.CompareAtPrice;
                row.Option1 = v.Option1;
                row.Option2 = v.Option2;
                row.Option3 = v.Option3;
                row.Position = v.Position;
                row.InventoryItemId = v.InventoryItemId;
                row.InventoryQuantity = v.InventoryQuantity;
                row.InventoryPolicy = v.InventoryPolicy;
                row.InventoryTracked = v.InventoryTracked;
            }
            else
            {
                v.ProductId = current.Id;
                db.Variants.Add(v);
            }
        }
        foreach (var gone in current.Variants.Where(v => !keep.Contains(v.ShopifyId)).ToList())
        {
            current.Variants.Remove(gone);
            db.Variants.Remove(gone);
        }
    }

    /// <summary>Collections seen in the batch, created or refreshed (newer updatedAt wins), keyed by Shopify id.</summary>
    private static async Task<Dictionary<long, Collection>> StageCollectionsAsync(AppDbContext db, InsertBuffer inserts, IEnumerable<ShopifyCollectionRef> refs, CancellationToken cancellationToken)
    {
        var latest = refs.GroupBy(r => r.ShopifyId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.UpdatedAt)!);
        var ids = latest.Keys.ToArray();
        var rows = await db.Collections.Where(c => ids.Contains(c.ShopifyId)).ToDictionaryAsync(c => c.ShopifyId, cancellationToken);
        foreach (var (id, r) in latest)
        {
            if (rows.TryGetValue(id, out var row))
            {
                if (r.UpdatedAt < row.UpdatedAt) continue;
                row.Handle = r.Handle;
                row.Title = r.Title;
                row.UpdatedAt = r.UpdatedAt;
            }
            else
            {
                row = new Collection { ShopifyId = id, Handle = r.Handle, Title = r.Title, UpdatedAt = r.UpdatedAt };
                inserts.Add(db.CurrentShopId, row);
                rows[id] = row;
            }
        }
        return rows;
    }

    private static async Task<Dictionary<long, DateTimeOffset>> TombstonesAsync(AppDbContext db, string type, long[] ids, CancellationToken cancellationToken) =>
        await db.Set<ShopifyTombstone>().AsNoTracking().Where(t => t.ResourceType == type && ids.Contains(t.ShopifyId))
            .ToDictionaryAsync(t => t.ShopifyId, t => t.DeletedAt, cancellationToken);
}
