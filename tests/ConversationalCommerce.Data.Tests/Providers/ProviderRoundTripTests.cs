using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Orders;
using ConversationalCommerce.Domain.Shops;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Data.Tests.Providers;

/// <summary>Migrations apply on each provider we can run here, and the model round-trips values exactly.</summary>
public sealed class ProviderRoundTripTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrations_apply_and_nothing_is_pending(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await using var ctx = db.Context();
        Assert.Empty(await ctx.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await ctx.Database.GetAppliedMigrationsAsync());
        Assert.False(ctx.Database.HasPendingModelChanges(), "the model has changes no migration captures");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Catalog_and_orders_round_trip_with_exact_prices_and_times(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var shop = new Shop { Domain = "round.myshopify.com", Settings = { ReturnsPolicy = "30 days" } };
        await using (var ctx = db.Context())
        {
            ctx.Shops.Add(shop);
            await ctx.SaveChangesAsync();
        }
        var updated = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2));
        await using (var ctx = db.Context(shop.Id))
        {
            ctx.Products.Add(new Product
            {
                ShopifyId = 632910392, Handle = "ipod-nano", Title = "IPod Nano - 8GB", Tags = "Emotive, Flash Memory",
                UpdatedAt = updated, Option1Name = "Color",
                Variants =
                [
                    new ProductVariant { ShopifyId = 808950810, Price = 199.99m, CompareAtPrice = 249.50m, Option1 = "Pink", InventoryQuantity = 10 },
                    new ProductVariant { ShopifyId = 49148385, Price = 0.05m, Option1 = "Red", InventoryQuantity = 0 },
                ],
                Images = [new ProductImage { Src = "https://cdn.example/ipod.png", Position = 1 }],
            });
            ctx.Orders.Add(new Order
            {
                ShopifyId = 450789469, Name = "#1001", TotalPrice = 598.94m, CreatedAt = updated,
                Lines = [new OrderLine { ProductShopifyId = 632910392, Quantity = 3, Price = 199.00m, Title = "IPod Nano - 8GB" }],
            });
            await ctx.SaveChangesAsync();
        }

        await using var read = db.Context(shop.Id);
        var product = await read.Products.Include(p => p.Variants).Include(p => p.Images).SingleAsync();
        Assert.Equal(updated, product.UpdatedAt);
        Assert.Equal([0.05m, 199.99m], product.Variants.Select(v => v.Price).Order());
        Assert.Equal(249.50m, product.Variants.Single(v => v.Option1 == "Pink").CompareAtPrice);
        Assert.True(product.IsPurchasable);
        Assert.Single(product.Images);
        var cheap = await read.Variants.Where(v => v.Price < 1m).Select(v => v.ShopifyId).ToListAsync();
        Assert.Equal([49148385L], cheap);
        var order = await read.Orders.Include(o => o.Lines).SingleAsync();
        Assert.Equal(598.94m, order.TotalPrice);
        Assert.Equal(3, order.Lines.Single().Quantity);
        var latest = await read.Products.Where(p => p.UpdatedAt > updated.AddSeconds(-1)).CountAsync();
        Assert.Equal(1, latest);
        Assert.Equal("30 days", (await read.Shops.SingleAsync()).Settings.ReturnsPolicy);
    }
}
