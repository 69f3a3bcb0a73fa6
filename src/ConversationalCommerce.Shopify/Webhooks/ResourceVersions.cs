using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Sync;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Shopify.Webhooks;

/// <summary>
/// Ordering guards shared by the topic handlers: tombstones (a delete wins over any late update, Shopify never
/// reuses ids) and stored versions for resources without an UpdatedAt of their own. Changes are saved by the caller.
/// </summary>
public sealed class ResourceVersions(AppDbContext db)
{
    public const string Shop = "Shop";
    public const string AppScopes = "AppScopes";

    public Task<bool> IsDeletedAsync(string resourceType, long shopifyId, CancellationToken cancellationToken) =>
        db.Set<ShopifyTombstone>().AnyAsync(t => t.ResourceType == resourceType && t.ShopifyId == shopifyId, cancellationToken);

    public async Task TombstoneAsync(string resourceType, long shopifyId, DateTimeOffset deletedAt, CancellationToken cancellationToken)
    {
        var existing = await db.Set<ShopifyTombstone>()
            .FirstOrDefaultAsync(t => t.ResourceType == resourceType && t.ShopifyId == shopifyId, cancellationToken);
        if (existing is null)
            db.Set<ShopifyTombstone>().Add(new ShopifyTombstone { ResourceType = resourceType, ShopifyId = shopifyId, DeletedAt = deletedAt });
    }

    /// <summary>True when the stored version is newer than <paramref name="updatedAt"/>; otherwise records it and returns false.</summary>
    public async Task<bool> IsStaleElseRecordAsync(string resourceType, long shopifyId, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
        var version = await db.Set<ShopifyResourceVersion>()
            .FirstOrDefaultAsync(v => v.ResourceType == resourceType && v.ShopifyId == shopifyId, cancellationToken);
        if (version is null)
        {
            db.Set<ShopifyResourceVersion>().Add(new ShopifyResourceVersion { ResourceType = resourceType, ShopifyId = shopifyId, UpdatedAt = updatedAt });
            return false;
        }
        if (version.UpdatedAt > updatedAt) return true;
        version.UpdatedAt = updatedAt;
        return false;
    }
}
