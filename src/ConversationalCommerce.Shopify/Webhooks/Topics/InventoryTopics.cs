using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Sync;
using ConversationalCommerce.Engine.Catalog;
using ConversationalCommerce.Shopify.Webhooks.Payloads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Shopify.Webhooks.Topics;

/// <summary>
/// inventory_levels/update|connect|disconnect keep one row per item and location, and the variants of that item
/// the sum of what is available; inventory_items/update carries whether stock is tracked at all.
/// </summary>
public sealed class InventoryTopics(AppDbContext db, ResourceVersions versions, ICatalogChangeNotifier catalog, ILogger<InventoryTopics> log)
    : IShopifyTopicHandler
{
    public IReadOnlyCollection<string> Topics { get; } =
    [
        ShopifyTopics.InventoryLevelsUpdate, ShopifyTopics.InventoryLevelsConnect, ShopifyTopics.InventoryLevelsDisconnect,
        ShopifyTopics.InventoryItemsUpdate,
    ];

    public async Task ApplyAsync(ShopifyWebhook webhook, CancellationToken cancellationToken)
    {
        var changedProducts = webhook.Topic switch
        {
            ShopifyTopics.InventoryItemsUpdate => await ApplyItemAsync(webhook, cancellationToken),
            ShopifyTopics.InventoryLevelsDisconnect => await DisconnectAsync(webhook, cancellationToken),
            _ => await ApplyLevelAsync(webhook, cancellationToken),
        };
        await db.SaveChangesAsync(cancellationToken);
        if (changedProducts.Count > 0) catalog.ProductsChanged(webhook.Shop.Id, changedProducts);
    }

    private async Task<List<Guid>> ApplyLevelAsync(ShopifyWebhook webhook, CancellationToken cancellationToken)
    {
        var payload = webhook.Read<InventoryLevelPayload>();
        var updatedAt = payload.UpdatedAt ?? webhook.OccurredAt;
        var level = await db.InventoryLevels
            .FirstOrDefaultAsync(l => l.InventoryItemId == payload.InventoryItemId && l.LocationId == payload.LocationId, cancellationToken);
        if (level is not null && level.UpdatedAt > updatedAt)
        {
            log.LogInformation("Inventory item {Item} at {Location}: {Topic} of {UpdatedAt} is older than the stored level; ignored",
                payload.InventoryItemId, payload.LocationId, webhook.Topic, updatedAt);
            return [];
        }
        if (level is null)
        {
            level = new InventoryLevel { InventoryItemId = payload.InventoryItemId, LocationId = payload.LocationId };
            db.InventoryLevels.Add(level);
        }
        // connect may say null (nothing stocked there yet); that counts as none available.
        level.Available = payload.Available ?? 0;
        level.UpdatedAt = updatedAt;
        return await VariantStock.RecomputeAsync(db, payload.InventoryItemId, cancellationToken);
    }

    private async Task<List<Guid>> DisconnectAsync(ShopifyWebhook webhook, CancellationToken cancellationToken)
    {
        var payload = webhook.Read<InventoryLevelPayload>();
        var level = await db.InventoryLevels
            .FirstOrDefaultAsync(l => l.InventoryItemId == payload.InventoryItemId && l.LocationId == payload.LocationId, cancellationToken);
        // A level written after the disconnect was triggered belongs to a later connect: keep it.
        if (level is null || level.UpdatedAt > webhook.OccurredAt) return [];
        db.InventoryLevels.Remove(level);
        return await VariantStock.RecomputeAsync(db, payload.InventoryItemId, cancellationToken);
    }

    private async Task<List<Guid>> ApplyItemAsync(ShopifyWebhook webhook, CancellationToken cancellationToken)
    {
        var payload = webhook.Read<InventoryItemPayload>();
        var updatedAt = payload.UpdatedAt ?? webhook.OccurredAt;
        if (await versions.IsStaleElseRecordAsync(ShopifyResourceType.InventoryItem, payload.Id, updatedAt, cancellationToken))
        {
            log.LogInformation("Inventory item {Item}: update of {UpdatedAt} is older than the stored one; ignored", payload.Id, updatedAt);
            return [];
        }
        var variants = await db.Variants.Where(v => v.InventoryItemId == payload.Id).ToListAsync(cancellationToken);
        foreach (var variant in variants)
        {
            if (payload.Tracked is { } tracked) variant.InventoryTracked = tracked;
            if (!string.IsNullOrEmpty(payload.Sku)) variant.Sku = payload.Sku;
        }
        return variants.Select(v => v.ProductId).Distinct().ToList();
    }
}
