using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Catalog;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Shopify.Webhooks.Topics;

/// <summary>A variant's quantity is the sum of what its inventory item has available over all locations.</summary>
internal static class VariantStock
{
    /// <summary>Sums of the stored levels per inventory item; items with no level stored are absent.</summary>
    public static async Task<Dictionary<long, int>> AvailableByItemAsync(AppDbContext db, IReadOnlyCollection<long> itemIds, CancellationToken cancellationToken)
    {
        if (itemIds.Count == 0) return [];
        var sums = await db.InventoryLevels.AsNoTracking()
            .Where(l => itemIds.Contains(l.InventoryItemId))
            .GroupBy(l => l.InventoryItemId)
            .Select(g => new { Item = g.Key, Available = g.Sum(l => l.Available) })
            .ToListAsync(cancellationToken);
        return sums.ToDictionary(s => s.Item, s => s.Available);
    }

    /// <summary>Recomputes the quantity of every variant of this item from the levels (tracked in <paramref name="db"/>); returns their products.</summary>
    public static async Task<List<Guid>> RecomputeAsync(AppDbContext db, long inventoryItemId, CancellationToken cancellationToken)
    {
        var variants = await db.Variants.Where(v => v.InventoryItemId == inventoryItemId).ToListAsync(cancellationToken);
        if (variants.Count == 0) return [];
        // Include levels added or removed in this unit of work but not saved yet.
        var levels = db.ChangeTracker.Entries<InventoryLevel>()
            .Where(e => e.Entity.InventoryItemId == inventoryItemId && e.State is not EntityState.Deleted and not EntityState.Detached)
            .Select(e => e.Entity).ToList();
        var trackedIds = db.ChangeTracker.Entries<InventoryLevel>().Select(e => e.Entity.Id).ToHashSet();
        var stored = await db.InventoryLevels.AsNoTracking()
            .Where(l => l.InventoryItemId == inventoryItemId).ToListAsync(cancellationToken);
        var total = levels.Sum(l => l.Available) + stored.Where(l => !trackedIds.Contains(l.Id)).Sum(l => l.Available);
        foreach (var variant in variants) variant.InventoryQuantity = total;
        return variants.Select(v => v.ProductId).Distinct().ToList();
    }
}
