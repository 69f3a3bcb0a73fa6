using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Sync;
using ConversationalCommerce.Engine.Catalog;
using ConversationalCommerce.Shopify.Webhooks.Payloads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Shopify.Webhooks.Topics;

/// <summary>collections/create|update|delete. Membership is not in these payloads; the sync keeps it.</summary>
public sealed class CollectionTopics(AppDbContext db, ResourceVersions versions, ICatalogChangeNotifier catalog, ILogger<CollectionTopics> log)
    : IShopifyTopicHandler
{
    public IReadOnlyCollection<string> Topics { get; } =
        [ShopifyTopics.CollectionsCreate, ShopifyTopics.CollectionsUpdate, ShopifyTopics.CollectionsDelete];

    public async Task ApplyAsync(ShopifyWebhook webhook, CancellationToken cancellationToken)
    {
        if (webhook.Topic == ShopifyTopics.CollectionsDelete)
        {
            await DeleteAsync(webhook, cancellationToken);
            return;
        }
        var payload = webhook.Read<CollectionPayload>();
        var updatedAt = payload.UpdatedAt ?? webhook.OccurredAt;
        if (await versions.IsDeletedAsync(ShopifyResourceType.Collection, payload.Id, cancellationToken)) return;
        var collection = await db.Collections.FirstOrDefaultAsync(c => c.ShopifyId == payload.Id, cancellationToken);
        if (collection is not null && collection.UpdatedAt > updatedAt)
        {
            log.LogInformation("Collection {ShopifyId}: {Topic} older than the stored one; ignored", payload.Id, webhook.Topic);
            return;
        }
        if (collection is null)
        {
            collection = new Collection { ShopifyId = payload.Id, Handle = "", Title = "" };
            db.Collections.Add(collection);
        }
        var titleChanged = collection.Title != (payload.Title ?? collection.Title);
        collection.Handle = payload.Handle ?? collection.Handle;
        collection.Title = payload.Title ?? collection.Title;
        collection.UpdatedAt = updatedAt;
        await db.SaveChangesAsync(cancellationToken);
        if (titleChanged) await NotifyMembersAsync(webhook.Shop.Id, collection.Id, cancellationToken);
    }

    private async Task DeleteAsync(ShopifyWebhook webhook, CancellationToken cancellationToken)
    {
        var payload = webhook.Read<DeletedPayload>();
        await versions.TombstoneAsync(ShopifyResourceType.Collection, payload.Id, webhook.OccurredAt, cancellationToken);
        var collection = await db.Collections.FirstOrDefaultAsync(c => c.ShopifyId == payload.Id, cancellationToken);
        List<Guid> members = [];
        if (collection is not null)
        {
            members = await db.ProductCollections.Where(pc => pc.CollectionId == collection.Id).Select(pc => pc.ProductId).ToListAsync(cancellationToken);
            db.Collections.Remove(collection);
        }
        await db.SaveChangesAsync(cancellationToken);
        if (members.Count > 0) catalog.ProductsChanged(webhook.Shop.Id, members);
    }

    private async Task NotifyMembersAsync(Guid shopId, Guid collectionId, CancellationToken cancellationToken)
    {
        var members = await db.ProductCollections.Where(pc => pc.CollectionId == collectionId).Select(pc => pc.ProductId).ToListAsync(cancellationToken);
        if (members.Count > 0) catalog.ProductsChanged(shopId, members);
    }
}
