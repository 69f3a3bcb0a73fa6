using System.Reflection;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain;
using ConversationalCommerce.Engine.Catalog;
using ConversationalCommerce.Shopify.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Shopify.Gdpr;

/// <summary>
/// shop/redact: erases everything the shop owns. Every table of a shop-owned entity is found in the EF model
/// (so a table added later is erased too), emptied of the shop's rows dependents-first, then the inbox rows and
/// the shop itself. Only this request's own inbox row stays, to record that it was done.
/// </summary>
public sealed class ShopErasure(AppDbContext db, ICatalogChangeNotifier catalog, ILogger<ShopErasure> log) : IShopifyTopicHandler
{
    private static readonly MethodInfo DeleteRowsMethod =
        typeof(ShopErasure).GetMethod(nameof(DeleteRowsAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public IReadOnlyCollection<string> Topics { get; } = [ShopifyTopics.ShopRedact];

    public async Task ApplyAsync(ShopifyWebhook webhook, CancellationToken cancellationToken)
    {
        var shop = webhook.Shop;
        var (shopId, domain, currentId) = (shop.Id, shop.Domain, webhook.Message.Id);
        var deleted = 0;
        await db.InTransactionAsync(async ct =>
        {
            deleted = 0;
            foreach (var entityType in ShopOwnedTypesDependentsFirst(db.Model))
                deleted += await (Task<int>)DeleteRowsMethod.MakeGenericMethod(entityType.ClrType).Invoke(null, [db, shopId, ct])!;
            deleted += await db.Inbox.Where(m => (m.ShopId == shopId || m.ShopDomain == domain) && m.Id != currentId).ExecuteDeleteAsync(ct);
            await db.Shops.Where(s => s.Id == shopId).ExecuteDeleteAsync(ct);
        }, cancellationToken);
        catalog.ShopChanged(shop.Id);
        log.LogInformation("Shop redact: {ShopDomain} erased ({Rows} rows)", shop.Domain, deleted);
    }

    /// <summary>The shop-owned entity types, each before any type it references, so no foreign key is left dangling mid-way.</summary>
    public static IReadOnlyList<IEntityType> ShopOwnedTypesDependentsFirst(IModel model)
    {
        var remaining = model.GetEntityTypes()
            .Where(t => typeof(IShopOwned).IsAssignableFrom(t.ClrType) && !t.IsOwned() && t.ClrType != typeof(Dictionary<string, object>))
            .ToList();
        var ordered = new List<IEntityType>();
        while (remaining.Count > 0)
        {
            var free = remaining.Where(t => !remaining.Any(other => other != t
                && other.GetForeignKeys().Any(fk => fk.PrincipalEntityType == t))).ToList();
            if (free.Count == 0) free = [remaining[0]]; // a cycle: cascades and nullable keys settle it
            ordered.AddRange(free);
            remaining.RemoveAll(free.Contains);
        }
        return ordered;
    }

    private static Task<int> DeleteRowsAsync<T>(AppDbContext db, Guid shopId, CancellationToken cancellationToken) where T : class, IShopOwned =>
        db.Set<T>().IgnoreQueryFilters().Where(e => e.ShopId == shopId).ExecuteDeleteAsync(cancellationToken);
}
