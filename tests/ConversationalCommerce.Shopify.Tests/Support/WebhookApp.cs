using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Shopify.Tests.Support;

/// <summary>The real app (SQLite file or a PostgreSQL database) with a known app secret, and helpers to look into its database.</summary>
public sealed class WebhookApp : IDisposable
{
    public const string Secret = "shpss_test_3f1c9a7e5b2d4c6a8e0f1a2b3c4d5e6f";
    public const string ApiKey = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    private readonly AppFactory _factory;

    public WebApplicationFactory<Program> App { get; }
    public HttpClient Client { get; }
    public ShopifyWebhookSender Webhooks { get; }

    public WebhookApp(string? postgresConnectionString = null, Action<IServiceCollection>? services = null, bool seedDemo = false)
    {
        _factory = new AppFactory(seedDemo).WithSetting("Shopify:ApiSecret", Secret).WithSetting("Shopify:ApiKey", ApiKey);
        if (postgresConnectionString is not null) _factory.UsePostgres(postgresConnectionString);
        App = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => services?.Invoke(s)));
        Client = App.CreateClient();
        Webhooks = new ShopifyWebhookSender(Client, Secret);
    }

    public async Task<Shop> AddShopAsync(string domain)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shop = new Shop
        {
            Domain = domain,
            Name = domain.Split('.')[0],
            InstalledAt = DateTimeOffset.UtcNow.AddDays(-1),
            EncryptedAccessToken = "CfDJ8-encrypted-access-token",
            AccessTokenExpiresAt = DateTimeOffset.UtcNow.AddHours(1),
            EncryptedRefreshToken = "CfDJ8-encrypted-refresh-token",
            GrantedScopes = "read_products,read_inventory,read_customers,read_orders",
            WidgetKey = Guid.NewGuid().ToString("N"),
        };
        db.Shops.Add(shop);
        await db.SaveChangesAsync();
        return shop;
    }

    public async Task<Shop?> FindShopAsync(string domain)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Shops.AsNoTracking().FirstOrDefaultAsync(s => s.Domain == domain);
    }

    /// <summary>Runs <paramref name="work"/> with a context acting for one shop.</summary>
    public async Task<T> InShopAsync<T>(Guid shopId, Func<AppDbContext, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public Task InShopAsync(Guid shopId, Func<AppDbContext, Task> work) => InShopAsync(shopId, async db => { await work(db); return 0; });

    public async Task<List<InboxMessage>> InboxRowsAsync(string dedupeKey)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Inbox.AsNoTracking()
            .Where(m => m.Source == "shopify" && m.DedupeKey == dedupeKey).ToListAsync();
    }

    public async Task<int> InboxCountAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Inbox.CountAsync();
    }

    /// <summary>Waits until the delivery's inbox row is finished (Done, Ignored or Failed) and returns it.</summary>
    public async Task<InboxMessage> ProcessedAsync(ShopifyWebhookSender.Delivery delivery, TimeSpan? timeout = null)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, delivery.Response.StatusCode);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        InboxMessage? row = null;
        while (DateTime.UtcNow < deadline)
        {
            row = (await InboxRowsAsync(delivery.DedupeKey)).SingleOrDefault();
            if (row?.Status is InboxStatus.Done or InboxStatus.Ignored or InboxStatus.Failed) return row;
            await Task.Delay(25);
        }
        throw new Xunit.Sdk.XunitException($"Webhook {delivery.Topic} was not processed in time (row {row?.Status}, error {row?.Error}).");
    }

    /// <summary>Sends and waits until applied; fails the test when the row did not end Done.</summary>
    public async Task<InboxMessage> ApplyAsync(string topic, string domain, string body, DateTimeOffset? triggeredAt = null)
    {
        var row = await ProcessedAsync(await Webhooks.SendAsync(topic, domain, body, triggeredAt: triggeredAt));
        Assert.True(row.Status == InboxStatus.Done, $"{topic} ended {row.Status}: {row.Error}");
        return row;
    }

    public void Dispose()
    {
        Client.Dispose();
        App.Dispose();
        _factory.Dispose();
    }
}
