using ConversationalCommerce.Engine.Search;
using static ConversationalCommerce.Engine.Tests.Search.ProductFactory;

namespace ConversationalCommerce.Engine.Tests.Search;

/// <summary>What the background updater does with announcements a fresh load has already read.</summary>
public sealed class CatalogIndexUpdaterTests : IAsyncLifetime
{
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(400);
    private SearchTestHost _host = null!;
    private Guid _shop;

    public async Task InitializeAsync()
    {
        _host = await SearchTestHost.StartAsync(("Search:UpdateCoalesceDelay", Coalesce.ToString()));
        _shop = await _host.AddShopAsync("updater.myshopify.com");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_shop_announced_before_its_first_load_is_not_read_a_second_time()
    {
        var table = Product("Oak Table", "Furniture");
        await _host.SaveAsync(_shop, table);

        // A sync announces the whole shop; the first search loads it before the updater gets to the announcement.
        _host.Notifier.ShopChanged(_shop);
        await _host.Search.EnsureLoadedAsync(_shop, CancellationToken.None);
        Assert.Single(_host.Search.Search(_shop, new SearchRequest("oak table")));

        // Written without an announcement: only a second full read of the shop would pick it up.
        await _host.UpdateAsync(_shop, table.Id, p => p.Title = "Walnut Table");
        await Task.Delay(Coalesce * 3);
        Assert.Empty(_host.Search.Search(_shop, new SearchRequest("walnut")));

        // An announcement made after the load is applied as always.
        _host.Notifier.ProductsChanged(_shop, [table.Id]);
        await SearchTestHost.EventuallyAsync(() => _host.Search.Search(_shop, new SearchRequest("walnut")).Count == 1);
    }
}
