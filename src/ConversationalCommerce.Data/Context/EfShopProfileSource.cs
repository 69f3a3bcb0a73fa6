using System.Collections.Concurrent;
using ConversationalCommerce.Engine.Context;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Data.Context;

/// <summary>Shop name, currency and policies from the Shops table, cached briefly (settings change rarely, turns are many).</summary>
public sealed class EfShopProfileSource(IServiceScopeFactory scopes, TimeProvider time) : IShopProfileSource
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<Guid, (ShopProfile? Profile, DateTimeOffset At)> _cache = new();

    public async Task<ShopProfile?> GetAsync(Guid shopId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(shopId, out var hit) && now - hit.At < Lifetime) return hit.Profile;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shop = await db.Shops.AsNoTracking().FirstOrDefaultAsync(s => s.Id == shopId, cancellationToken);
        var profile = shop is null ? null : new ShopProfile(shop.Id, shop.Name, shop.Currency, shop.Settings.AssistantName,
            shop.Settings.Greeting, shop.Settings.ShippingPolicy, shop.Settings.ReturnsPolicy, shop.Settings.PaymentPolicy);
        _cache[shopId] = (profile, now);
        return profile;
    }
}
