using System.Diagnostics;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ConversationalCommerce.App.DemoStore;

public sealed record DemoSeedResult(Guid ShopId, bool Seeded, int Products, int Variants, int Customers, int Orders, TimeSpan Elapsed);

/// <summary>
/// Writes the generated demo catalog into the demo shop. Idempotent: a demo shop that already has products is left
/// alone unless a reset is asked for, and a reset only ever touches the demo shop's rows.
/// </summary>
public sealed class DemoStoreSeeder(IServiceScopeFactory scopes, IServiceProvider services, TimeProvider time, ILogger<DemoStoreSeeder> log)
{
    public async Task<DemoSeedResult> SeedAsync(bool reset, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var shopId = await EnsureShopAsync(cancellationToken);

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (reset)
            await DeleteShopRowsAsync(db, cancellationToken);
        else if (await db.Products.AnyAsync(cancellationToken))
        {
            log.LogInformation("Demo shop already has a catalog; nothing to seed");
            return new DemoSeedResult(shopId, false, 0, 0, 0, 0, Stopwatch.GetElapsedTime(started));
        }

        var catalog = DemoCatalog.Generate(shopId, time.GetUtcNow());
        db.AddRange(catalog.Products.Select(p => p.Product));
        db.AddRange(catalog.Collections);
        db.AddRange(catalog.InventoryLevels);
        db.AddRange(catalog.Customers);
        db.AddRange(catalog.Orders);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // The engine's index may not exist in every build; when it does, it rebuilds this shop.
        services.GetService<ICatalogChangeNotifier>()?.ShopChanged(shopId);

        var result = new DemoSeedResult(shopId, true, catalog.Products.Count, catalog.Products.Sum(p => p.Product.Variants.Count),
            catalog.Customers.Count, catalog.Orders.Count, Stopwatch.GetElapsedTime(started));
        log.LogInformation("Seeded the demo store: {Products} products, {Variants} variants, {Customers} customers, {Orders} orders in {Ms} ms",
            result.Products, result.Variants, result.Customers, result.Orders, (int)result.Elapsed.TotalMilliseconds);
        return result;
    }

    private async Task<Guid> EnsureShopAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shop = await db.Shops.FirstOrDefaultAsync(s => s.Domain == Shop.DemoDomain, cancellationToken);
        if (shop is null) db.Shops.Add(DemoShopSettings.NewShop(time.GetUtcNow()));
        else DemoShopSettings.Apply(shop);
        await db.SaveChangesAsync(cancellationToken);
        return (shop ?? db.Shops.Local.First(s => s.Domain == Shop.DemoDomain)).Id;
    }

    /// <summary>
    /// Deletes every shop-owned row of the scope's shop (the query filter limits each delete to it), dependents
    /// before the rows they point at, so tables added later by other features are wiped too.
    /// </summary>
    private static async Task DeleteShopRowsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var remaining = db.Model.GetEntityTypes()
            .Where(t => !t.IsOwned() && typeof(IShopOwned).IsAssignableFrom(t.ClrType))
            .ToList();
        var deleteAll = typeof(DemoStoreSeeder).GetMethod(nameof(DeleteAllAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        while (remaining.Count > 0)
        {
            var leaves = remaining.Where(t => !remaining.Any(o => o != t && ReferencesType(o, t))).ToList();
            if (leaves.Count == 0) leaves = remaining.ToList(); // a cycle: the database's cascades sort it out
            foreach (var type in leaves)
            {
                await (Task)deleteAll.MakeGenericMethod(type.ClrType).Invoke(null, [db, cancellationToken])!;
                remaining.Remove(type);
            }
        }
    }

    private static bool ReferencesType(IEntityType dependent, IEntityType principal) =>
        dependent.GetForeignKeys().Any(fk => fk.PrincipalEntityType == principal);

    private static Task<int> DeleteAllAsync<T>(AppDbContext db, CancellationToken cancellationToken) where T : class, IShopOwned =>
        db.Set<T>().ExecuteDeleteAsync(cancellationToken);
}
