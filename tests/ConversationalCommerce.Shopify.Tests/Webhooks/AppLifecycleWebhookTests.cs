using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Shopify.Lifecycle;
using ConversationalCommerce.Shopify.Tests.Support;
using ConversationalCommerce.Shopify.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ConversationalCommerce.Shopify.Tests.Support.WebhookPayloads;

namespace ConversationalCommerce.Shopify.Tests.Webhooks;

public sealed class AppLifecycleWebhookTests
{
    private const string Domain = "lifecycle-test.myshopify.com";
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private static string Mug(long id, DateTimeOffset at) => Product(id, "Stoneware Mug", at, [new Variant(id + 1, 18m, id + 2, 3)]);

    [Fact]
    public async Task Uninstall_revokes_tokens_and_ignores_webhooks_until_the_shop_installs_again()
    {
        using var app = new WebhookApp();
        var shop = await app.AddShopAsync(Domain);
        await app.InShopAsync(shop.Id, async db =>
        {
            var conversation = new Conversation { StartedAt = T0, LastMessageAt = T0, LastChannel = Channel.WhatsApp };
            db.Conversations.Add(conversation);
            db.Outbox.Add(new OutboxMessage { ConversationId = conversation.Id, MessageId = Guid.NewGuid(), Channel = Channel.WhatsApp,
                Recipient = "+16135550142", PayloadJson = "{}", CreatedAt = T0 });
            await db.SaveChangesAsync();
        });

        await app.ApplyAsync("app/uninstalled", Domain, Shop(548380009, Domain, "Lifecycle", "USD", T0));

        var uninstalled = await app.FindShopAsync(Domain);
        Assert.Equal(ShopInstallState.Uninstalled, uninstalled!.InstallState);
        Assert.Null(uninstalled.EncryptedAccessToken);
        Assert.Null(uninstalled.EncryptedRefreshToken);
        Assert.Equal("", uninstalled.GrantedScopes);
        Assert.Equal(OutboxStatus.Cancelled, await app.InShopAsync(shop.Id, db => db.Outbox.Select(o => o.Status).SingleAsync()));
        var ignored = await app.ProcessedAsync(await app.Webhooks.SendAsync("products/create", Domain, Mug(100, T0.AddMinutes(1))));
        Assert.Equal(InboxStatus.Ignored, ignored.Status);
        Assert.Equal(0, await app.InShopAsync(shop.Id, db => db.Products.CountAsync()));

        // The install flow calls the lifecycle when the merchant installs again.
        await using (var scope = app.App.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IShopLifecycle>().ReinstallAsync(shop.Id, CancellationToken.None);

        await app.ApplyAsync("products/create", Domain, Mug(200, DateTimeOffset.UtcNow));
        // A stale uninstall (triggered before the new install) does not undo it.
        await app.ApplyAsync("app/uninstalled", Domain, Shop(548380009, Domain, "Lifecycle", "USD", T0), triggeredAt: T0);
        Assert.Equal(ShopInstallState.Installed, (await app.FindShopAsync(Domain))!.InstallState);
        Assert.Equal(1, await app.InShopAsync(shop.Id, db => db.Products.CountAsync()));
    }

    [Fact]
    public async Task Scopes_and_shop_details_follow_the_newest_webhook()
    {
        using var app = new WebhookApp();
        await app.AddShopAsync(Domain);

        await app.ApplyAsync("app/scopes_update", Domain, ScopesUpdate(1088938049,
            ["read_products", "read_orders"], ["read_products", "read_inventory", "read_customers", "read_orders", "read_customer_merge"], T0.AddMinutes(2)));
        await app.ApplyAsync("app/scopes_update", Domain, ScopesUpdate(1088938049, [], ["read_products"], T0.AddMinutes(1)));
        await app.ApplyAsync("shop/update", Domain, Shop(548380009, Domain, "Lifecycle Goods", "eur", T0.AddMinutes(2), locale: "fr"));
        await app.ApplyAsync("shop/update", Domain, Shop(548380009, Domain, "Old Name", "USD", T0.AddMinutes(1)));

        var shop = await app.FindShopAsync(Domain);
        Assert.Equal("read_products,read_inventory,read_customers,read_orders,read_customer_merge", shop!.GrantedScopes);
        Assert.Equal(("Lifecycle Goods", "EUR", "fr"), (shop.Name, shop.Currency, shop.Locale));
    }

    [Fact]
    public async Task Finished_bulk_operation_is_handed_to_the_bulk_sync()
    {
        var listener = new RecordingBulkListener();
        using var app = new WebhookApp(services: s => s.AddSingleton<IBulkOperationListener>(listener));
        var shop = await app.AddShopAsync(Domain);

        await app.ApplyAsync("bulk_operations/finish", Domain, BulkOperationFinish(147595010));

        var (shopId, operation) = Assert.Single(listener.Calls);
        Assert.Equal(shop.Id, shopId);
        Assert.Equal(("gid://shopify/BulkOperation/147595010", "completed", "query"), (operation.OperationId, operation.Status, operation.Type));
    }

    private sealed class RecordingBulkListener : IBulkOperationListener
    {
        public List<(Guid, BulkOperationFinished)> Calls { get; } = [];

        public Task BulkOperationFinishedAsync(Guid shopId, BulkOperationFinished operation, CancellationToken cancellationToken)
        {
            lock (Calls) Calls.Add((shopId, operation));
            return Task.CompletedTask;
        }
    }
}
