using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Shopify.Auth;
using ConversationalCommerce.Shopify.Sync;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.App.Features.Admin;

public sealed record AdminOverviewView(
    string ShopName, string ShopDomain, string InstallState, bool IsDemo, string Currency,
    CatalogCounts Catalog, int Customers, int Orders, ConversationCounts Conversations, SyncStatus? Sync);

/// <param name="Purchasable">Active, published products with at least one variant that can be bought now.</param>
public sealed record CatalogCounts(int Products, int Purchasable, int VariantsOutOfStock);

public sealed record ConversationCounts(int Total, int Open, int HandedOff, int Closed, int WaitingForHuman);

internal static class AdminOverview
{
    public static async Task<Ok<AdminOverviewView>> GetAsync(HttpContext http, AppDbContext db, CancellationToken ct)
    {
        // Shops are not shop-owned rows (no query filter): read by the verified id. Everything else is scoped.
        var admin = http.GetAdminShop();
        var shop = await db.Shops.AsNoTracking().FirstAsync(s => s.Id == admin.ShopId, ct);

        var products = await db.Products.CountAsync(ct);
        var purchasable = await db.Products.CountAsync(p => p.Status == ProductStatus.Active && p.Published &&
            p.Variants.Any(v => !v.InventoryTracked || v.InventoryPolicy == InventoryPolicy.Continue || v.InventoryQuantity > 0), ct);
        var outOfStock = await db.Variants.CountAsync(v => v.InventoryTracked && v.InventoryPolicy == InventoryPolicy.Deny && v.InventoryQuantity <= 0, ct);

        var byStatus = await db.Conversations.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(ConversationStatus s) => byStatus.FirstOrDefault(x => x.Key == s)?.Count ?? 0;

        // The same latest-run view as /api/admin/sync/status.
        var run = await db.SyncRuns.AsNoTracking().OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(ct);

        return TypedResults.Ok(new AdminOverviewView(
            shop.Name, shop.Domain, shop.InstallState.ToString(), shop.IsDemo, shop.Currency,
            new CatalogCounts(products, purchasable, outOfStock),
            await db.Customers.CountAsync(ct),
            await db.Orders.CountAsync(ct),
            new ConversationCounts(byStatus.Sum(x => x.Count), Count(ConversationStatus.Open), Count(ConversationStatus.HandedOff), Count(ConversationStatus.Closed),
                Count(ConversationStatus.WaitingForHuman)),
            run is null ? null : SyncStatus.Of(run)));
    }
}
