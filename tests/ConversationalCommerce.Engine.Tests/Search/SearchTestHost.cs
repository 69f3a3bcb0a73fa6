using ConversationalCommerce.App.Features.Search;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Catalog;
using ConversationalCommerce.Engine.Search;
using ConversationalCommerce.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Engine.Tests.Search;

/// <summary>The search feature as the app registers it, on a private migrated SQLite file, with its background updater running.</summary>
public sealed class SearchTestHost : IAsyncDisposable
{
    private readonly TestDataDirectory _data;
    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _hosted;

    private SearchTestHost(TestDataDirectory data, ServiceProvider services)
    {
        _data = data;
        _services = services;
        _hosted = services.GetServices<IHostedService>().ToList();
    }

    public static async Task<SearchTestHost> StartAsync(params (string Key, string Value)[] settings)
    {
        var data = new TestDataDirectory();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddAppDatabase(DatabaseProvider.Sqlite, data.SqliteConnectionString);
        services.AddCatalogSearch();
        var provider = services.BuildServiceProvider();
        var host = new SearchTestHost(data, provider);
        await using (var scope = provider.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync();
        foreach (var h in host._hosted) await h.StartAsync(CancellationToken.None);
        return host;
    }

    public ICatalogSearch Search => _services.GetRequiredService<ICatalogSearch>();
    public ICatalogChangeNotifier Notifier => _services.GetRequiredService<ICatalogChangeNotifier>();

    public async Task<Guid> AddShopAsync(string domain)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shop = new Shop { Domain = domain, Name = domain };
        db.Shops.Add(shop);
        await db.SaveChangesAsync();
        return shop.Id;
    }

    /// <summary>Saves products for a shop through a scope acting for it, as the app's writers do.</summary>
    public async Task SaveAsync(Guid shopId, params Product[] products)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var p in products)
        {
            p.ShopId = shopId;
            foreach (var v in p.Variants) v.ShopId = shopId;
            var exists = await db.Products.AnyAsync(x => x.Id == p.Id);
            if (exists) db.Products.Update(p);
            else db.Products.Add(p);
        }
        await db.SaveChangesAsync();
    }

    public async Task UpdateAsync(Guid shopId, Guid productId, Action<Product> change)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var product = await db.Products.Include(p => p.Variants).SingleAsync(p => p.Id == productId);
        change(product);
        await db.SaveChangesAsync();
    }

    public async Task DeleteAsync(Guid shopId, Guid productId)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Products.Where(p => p.Id == productId).ExecuteDeleteAsync();
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(Guid shopId, SearchRequest request)
    {
        await Search.EnsureLoadedAsync(shopId, CancellationToken.None);
        return Search.Search(shopId, request);
    }

    /// <summary>Polls until the condition holds; the updater works in the background, so tests wait for its effect, not for a fixed time.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The search index did not reflect the change in time.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var h in _hosted) await h.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        _data.Dispose();
    }
}
