using ConversationalCommerce.Data;
using ConversationalCommerce.Shopify.Tests.Support;
using ConversationalCommerce.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Shopify.Tests.Gdpr;

/// <summary>shop/redact erases every shop-owned table of that shop, on SQLite and on PostgreSQL, and nothing of another shop.</summary>
public sealed class ShopRedactTests
{
    private const string Domain = "redact-me.myshopify.com";
    private const string Neighbour = "neighbour.myshopify.com";

    [Fact]
    public async Task Shop_redact_erases_every_shop_owned_row_on_sqlite()
    {
        using var app = new WebhookApp();
        await AssertShopErasedAsync(app);
    }

    [Fact]
    public async Task Shop_redact_erases_every_shop_owned_row_on_postgresql()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        using var app = new WebhookApp(database.ConnectionString);
        await AssertShopErasedAsync(app);
    }

    private static async Task AssertShopErasedAsync(WebhookApp app)
    {
        var shop = await app.AddShopAsync(Domain);
        var neighbour = await app.AddShopAsync(Neighbour);
        await ShopDataSeed.WriteAsync(app, shop.Id, Domain);
        await ShopDataSeed.WriteAsync(app, neighbour.Id, Neighbour);
        await app.ApplyAsync("products/update", Domain, WebhookPayloads.Product(700000001, "Brass Candle Holder", DateTimeOffset.UtcNow,
            [new WebhookPayloads.Variant(700000002, 25m, 700000003, 4)]));
        var before = await CountsAsync(app, shop.Id);
        var neighbourBefore = await CountsAsync(app, neighbour.Id);
        // Every table the seed knows has rows, so an empty result below means erased, not never written.
        Assert.All(["Product", "ProductVariant", "ProductImage", "Collection", "ProductCollection", "InventoryLevel", "Customer", "ChannelIdentity",
                "Order", "OrderLine", "Conversation", "Message", "OutboxMessage", "DataExport", "ShopifyTombstone", "ShopifyResourceVersion"],
            table => Assert.True(before[table] > 0, $"{table} was not seeded"));

        await app.ApplyAsync("shop/redact", Domain, WebhookPayloads.ShopRedact(954889, Domain));

        var after = await CountsAsync(app, shop.Id);
        Assert.All(after, table => Assert.True(table.Value == 0, $"{table.Key} still holds {table.Value} rows of the erased shop"));
        Assert.Null(await app.FindShopAsync(Domain));
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var inbox = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Inbox.AsNoTracking()
                .Where(m => m.ShopId == shop.Id || m.ShopDomain == Domain).ToListAsync();
            // Only the redact request's own row is left, as the record that it was done.
            Assert.Equal("shop/redact", Assert.Single(inbox).Topic);
        }
        Assert.Equal(neighbourBefore, await CountsAsync(app, neighbour.Id));
        Assert.NotNull(await app.FindShopAsync(Neighbour));
    }

    private static async Task<Dictionary<string, int>> CountsAsync(WebhookApp app, Guid shopId)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        return await ShopDataSeed.CountRowsAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), shopId);
    }
}
