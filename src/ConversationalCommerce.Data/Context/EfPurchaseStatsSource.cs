using System.Collections.Concurrent;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Engine.Context;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Data.Context;

/// <summary>Bound from "PurchaseStats".</summary>
public sealed class PurchaseStatsOptions
{
    public const string Section = "PurchaseStats";

    /// <summary>Orders newer than this count.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How long computed figures are reused before the orders are read again.</summary>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Co-purchases kept per product.</summary>
    public int MaxPartners { get; set; } = 10;
}

/// <summary>
/// Units sold and bought-together pairs from the shop's orders. Order lines carry Shopify product ids; they are
/// mapped onto this shop's product rows. Computed in memory per shop and cached; a slow first call per shop.
/// </summary>
public sealed class EfPurchaseStatsSource(IServiceScopeFactory scopes, TimeProvider time, IOptions<PurchaseStatsOptions> options) : IPurchaseStatsSource
{
    private readonly ConcurrentDictionary<Guid, (Task<PurchaseStats> Stats, DateTimeOffset At)> _cache = new();

    public Task<PurchaseStats> GetAsync(Guid shopId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(shopId, out var hit) && now - hit.At < options.Value.CacheLifetime && !hit.Stats.IsFaulted)
            return hit.Stats;
        var computing = ComputeAsync(shopId, now, CancellationToken.None);
        _cache[shopId] = (computing, now);
        return computing.WaitAsync(cancellationToken);
    }

    private async Task<PurchaseStats> ComputeAsync(Guid shopId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var since = now - options.Value.Window;
        var products = await db.Products.AsNoTracking().Select(p => new { p.Id, p.ShopifyId }).ToListAsync(cancellationToken);
        var byShopifyId = products.GroupBy(p => p.ShopifyId).ToDictionary(g => g.Key, g => g.First().Id);
        var lines = await (
            from line in db.OrderLines.AsNoTracking()
            join order in db.Orders.AsNoTracking() on line.OrderId equals order.Id
            where order.CreatedAt >= since && order.CancelledAt == null && line.ProductShopifyId != null
            select new { line.OrderId, ProductShopifyId = line.ProductShopifyId!.Value, line.Quantity }).ToListAsync(cancellationToken);

        var units = new Dictionary<Guid, int>();
        var pairs = new Dictionary<(Guid, Guid), int>();
        foreach (var order in lines.GroupBy(l => l.OrderId))
        {
            var inOrder = new HashSet<Guid>();
            foreach (var line in order)
            {
                if (!byShopifyId.TryGetValue(line.ProductShopifyId, out var productId)) continue;
                units[productId] = units.GetValueOrDefault(productId) + Math.Max(0, line.Quantity);
                inOrder.Add(productId);
            }
            foreach (var a in inOrder)
            foreach (var b in inOrder)
                if (a != b) pairs[(a, b)] = pairs.GetValueOrDefault((a, b)) + 1;
        }
        var together = pairs.GroupBy(p => p.Key.Item1).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<CoPurchase>)g.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Item2)
                .Take(options.Value.MaxPartners).Select(p => new CoPurchase(p.Key.Item2, p.Value)).ToList());
        return new PurchaseStats(units, together);
    }
}
