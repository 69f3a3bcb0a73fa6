using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Conversation;
using ConversationalCommerce.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Engine.Tests.Conversation;

/// <summary>The real app on a private SQLite file with the demo store seeded; conversations go through the real service.</summary>
public sealed class DemoConversationApp : IAsyncLifetime
{
    public AppFactory Factory { get; } = new(seedDemo: true);
    public Guid ShopId { get; private set; }
    public IConversationService Conversations => Factory.Services.GetRequiredService<IConversationService>();
    public IConversationReader Reader => Factory.Services.GetRequiredService<IConversationReader>();

    public async Task InitializeAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        ShopId = (await db.Shops.AsNoTracking().SingleAsync(s => s.Domain == Shop.DemoDomain)).Id;
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Sends the messages in order on one new thread and returns every turn.</summary>
    public async Task<List<TurnResult>> ChatAsync(params string[] messages)
    {
        var conversationId = Guid.NewGuid();
        var turns = new List<TurnResult>();
        foreach (var text in messages)
            turns.Add(await Conversations.HandleAsync(new ShopperMessage(ShopId, conversationId, Channel.Widget, text), CancellationToken.None));
        return turns;
    }

    public Task<TurnResult> SayAsync(Guid conversationId, string text, string? externalId = null, Guid? shopId = null, Guid? customerId = null) =>
        Conversations.HandleAsync(new ShopperMessage(shopId ?? ShopId, conversationId, Channel.Widget, text, externalId, customerId), CancellationToken.None);

    public async Task<Dictionary<Guid, Product>> ProductsAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(ShopId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Products.AsNoTracking().Include(p => p.Variants).ToDictionaryAsync(p => p.Id);
    }

    public async Task<Guid> AddShopAsync(string domain)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shop = new Shop { Domain = domain, Name = domain };
        db.Shops.Add(shop);
        await db.SaveChangesAsync();
        return shop.Id;
    }

    public async Task<Domain.Conversations.Conversation?> ConversationAsync(Guid shopId, Guid conversationId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Conversations.AsNoTracking().Include(c => c.Messages).FirstOrDefaultAsync(c => c.Id == conversationId);
    }

    public async Task<List<Guid>> CustomersAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(ShopId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Orders.AsNoTracking().Where(o => o.CustomerId != null).Select(o => o.CustomerId!.Value).Distinct().ToListAsync();
    }

    /// <summary>A customer of the demo shop with at least one order, as the seeder made them.</summary>
    public async Task<(Guid CustomerId, string OrderName)> CustomerWithOrderAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(ShopId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var order = await db.Orders.AsNoTracking().Where(o => o.CustomerId != null).OrderByDescending(o => o.CreatedAt).FirstAsync();
        var latest = await db.Orders.AsNoTracking().Where(o => o.CustomerId == order.CustomerId).OrderByDescending(o => o.CreatedAt).FirstAsync();
        return (order.CustomerId!.Value, latest.Name);
    }
}

[CollectionDefinition(Name)]
public sealed class DemoConversationCollection : ICollectionFixture<DemoConversationApp>
{
    public const string Name = "demo conversations";
}
