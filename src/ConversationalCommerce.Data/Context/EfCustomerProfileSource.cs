using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Engine.Context;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Data.Context;

/// <summary>
/// A customer's recent orders and what they say about sizes and tastes, shop-scoped. <see cref="GetAsync"/> always
/// reads; every read is remembered briefly so that ranking, which asks on every turn, can reuse it
/// (<see cref="GetRecentAsync"/>). The memory is bounded in entries and in time.
/// </summary>
public sealed class EfCustomerProfileSource(IServiceScopeFactory scopes, TimeProvider time) : ICustomerProfileSource, IDisposable
{
    private const int MaxOrders = 20;
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(1);
    private readonly MemoryCache _recent = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    public async Task<CustomerProfile?> GetRecentAsync(Guid shopId, Guid customerId, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        if (_recent.TryGetValue((shopId, customerId), out Recent? recent) && recent is not null && time.GetUtcNow() - recent.At <= maxAge)
            return recent.Profile;
        return await GetAsync(shopId, customerId, cancellationToken);
    }

    public async Task<CustomerProfile?> GetAsync(Guid shopId, Guid customerId, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var profile = await ReadAsync(shopId, customerId, cancellationToken);
        _recent.Set((shopId, customerId), new Recent(profile, at), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = KeptFor });
        return profile;
    }

    public void Forget(Guid shopId, IEnumerable<Guid> customerIds)
    {
        foreach (var id in customerIds) _recent.Remove((shopId, id));
    }

    public void Dispose() => _recent.Dispose();

    private sealed record Recent(CustomerProfile? Profile, DateTimeOffset At);

    private async Task<CustomerProfile?> ReadAsync(Guid shopId, Guid customerId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null) return null;
        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines)
            .Where(o => o.CustomerId == customerId)
            .OrderByDescending(o => o.CreatedAt).Take(MaxOrders).ToListAsync(cancellationToken);

        var productIds = orders.SelectMany(o => o.Lines).Select(l => l.ProductShopifyId).OfType<long>().Distinct().ToList();
        var products = productIds.Count == 0 ? [] : await db.Products.AsNoTracking().Include(p => p.Variants)
            .Where(p => productIds.Contains(p.ShopifyId)).ToListAsync(cancellationToken);
        var productByShopifyId = products.ToDictionary(p => p.ShopifyId);

        var sizes = new Dictionary<string, Dictionary<string, int>>(StringComparer.OrdinalIgnoreCase);
        var types = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in orders.Where(o => o.CancelledAt is null).SelectMany(o => o.Lines))
        {
            if (line.ProductShopifyId is not { } pid || !productByShopifyId.TryGetValue(pid, out var product)) continue;
            if (product.ProductType.Length > 0) types[product.ProductType] = types.GetValueOrDefault(product.ProductType) + line.Quantity;
            var variant = product.Variants.FirstOrDefault(v => v.ShopifyId == line.VariantShopifyId);
            var size = variant is null ? null : SizeOf(product, variant);
            if (size is null) continue;
            var perType = sizes.TryGetValue(product.ProductType, out var s) ? s : sizes[product.ProductType] = new Dictionary<string, int>();
            perType[size] = perType.GetValueOrDefault(size) + line.Quantity;
        }

        return new CustomerProfile(customer.Id, customer.FirstName, orders.Select(o => new OrderSummary(
            o.Name, o.CreatedAt, o.TotalPrice, o.Currency, o.FinancialStatus, o.FulfillmentStatus, o.TrackingUrl, o.CancelledAt,
            o.Lines.Select(l => new OrderLineSummary(l.Title, l.VariantTitle, l.Quantity, l.ProductShopifyId)).ToList())).ToList())
        {
            SizesByType = sizes.ToDictionary(s => s.Key, s => (IReadOnlyList<string>)s.Value.OrderByDescending(x => x.Value).Select(x => x.Key).ToList(), StringComparer.OrdinalIgnoreCase),
            ProductsBought = productIds.ToHashSet(),
            TypesBought = types,
        };
    }

    private static string? SizeOf(Domain.Catalog.Product product, Domain.Catalog.ProductVariant variant)
    {
        if (string.Equals(product.Option1Name, "Size", StringComparison.OrdinalIgnoreCase)) return variant.Option1;
        if (string.Equals(product.Option2Name, "Size", StringComparison.OrdinalIgnoreCase)) return variant.Option2;
        if (string.Equals(product.Option3Name, "Size", StringComparison.OrdinalIgnoreCase)) return variant.Option3;
        return null;
    }
}
