using ConversationalCommerce.Channels.Identity;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Customers;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Channels.Tests.Identity;

/// <summary>Identity linking on a real, migrated SQLite file, one shop, services resolved per scope like a job does.</summary>
public sealed class IdentityTestDb : IAsyncLifetime
{
    private readonly TestDataDirectory _directory = new();
    private ServiceProvider _services = null!;
    public Guid ShopId { get; private set; }

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddAppDatabase(DatabaseProvider.Sqlite, _directory.SqliteConnectionString);
        services.AddCustomerIdentities();
        _services = services.BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
        var shop = new Shop { Domain = "identity-test.myshopify.com", Name = "Identity Test" };
        db.Shops.Add(shop);
        await db.SaveChangesAsync();
        ShopId = shop.Id;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _directory.Dispose();
    }

    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(ShopId);
        return await work(scope.ServiceProvider);
    }

    public Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query) => RunAsync(s => query(s.GetRequiredService<AppDbContext>()));

    public Task<ChannelIdentity> ResolveAsync(ChannelIdentityKind kind, string value, string evidence) =>
        RunAsync(s => s.GetRequiredService<CustomerIdentities>().ResolveAsync(new IdentityClaim(kind, value, evidence), CancellationToken.None));

    public Task<LinkResult> LinkAsync(Guid customerId, ChannelIdentityKind kind, string value, string evidence, Guid? targetConversation = null) =>
        RunAsync(s => s.GetRequiredService<CustomerIdentities>().LinkAsync(customerId, new IdentityClaim(kind, value, evidence), targetConversation, CancellationToken.None));

    /// <summary>A thread of the customer with the given messages (alternating shopper / assistant), started at <paramref name="at"/>.</summary>
    public Task<Guid> ThreadAsync(Guid customerId, Channel channel, DateTimeOffset at, params string[] texts) =>
        QueryAsync(async db =>
        {
            var conversation = new Conversation { CustomerId = customerId, StartedAt = at, LastMessageAt = at.AddMinutes(texts.Length), LastChannel = channel };
            db.Conversations.Add(conversation);
            foreach (var text in texts)
                db.Messages.Add(new Message
                {
                    ConversationId = conversation.Id, Seq = ++conversation.LastSeq, Role = conversation.LastSeq % 2 == 1 ? MessageRole.Shopper : MessageRole.Assistant,
                    Channel = channel, Text = text, CreatedAt = at.AddMinutes(conversation.LastSeq),
                });
            await db.SaveChangesAsync();
            return conversation.Id;
        });

    public Task SetShopifyIdAsync(Guid customerId, long shopifyId) =>
        QueryAsync(db => db.Customers.Where(c => c.Id == customerId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ShopifyId, shopifyId)));
}
