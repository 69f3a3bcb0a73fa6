using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Shops;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Data.Tests.Scoping;

public sealed class ShopIsolationTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    private static async Task<(Guid A, Guid B)> TwoShopsWithProducts(TestDb db)
    {
        var a = new Shop { Domain = "a.myshopify.com" };
        var b = new Shop { Domain = "b.myshopify.com" };
        await using (var ctx = db.Context())
        {
            ctx.Shops.AddRange(a, b);
            await ctx.SaveChangesAsync();
        }
        foreach (var (shop, title) in new[] { (a, "Alpha mug"), (b, "Beta mug") })
        {
            await using var ctx = db.Context(shop.Id);
            ctx.Products.Add(new Product
            {
                Handle = title.ToLowerInvariant().Replace(' ', '-'), Title = title, ShopifyId = 1,
                Variants = [new ProductVariant { ShopifyId = 10, Price = 12m, InventoryQuantity = 3 }],
            });
            ctx.Conversations.Add(new Conversation { Messages = [new Message { Seq = 1, Text = $"hello from {title}" }] });
            await ctx.SaveChangesAsync();
        }
        return (a.Id, b.Id);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_scope_reads_only_its_own_shops_rows(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var (a, b) = await TwoShopsWithProducts(db);

        await using var ctx = db.Context(a);
        var titles = await ctx.Products.Select(p => p.Title).ToListAsync();
        Assert.Equal(["Alpha mug"], titles);
        Assert.All(await ctx.Variants.ToListAsync(), v => Assert.Equal(a, v.ShopId));
        Assert.Equal(["hello from Alpha mug"], await ctx.Messages.Select(m => m.Text).ToListAsync());
        // Even asking for the other shop's rows by id finds nothing.
        Assert.Empty(await ctx.Products.Where(p => p.ShopId == b).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Without_a_scope_shop_owned_tables_read_as_empty(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await TwoShopsWithProducts(db);

        await using var ctx = db.Context();
        Assert.Equal(0, await ctx.Products.CountAsync());
        Assert.Equal(0, await ctx.Conversations.CountAsync());
        Assert.Equal(2, await ctx.Shops.CountAsync());
    }

    [Fact]
    public async Task Writing_a_row_of_another_shop_is_refused()
    {
        await using var db = await TestDb.CreateAsync(DatabaseProvider.Sqlite);
        var (a, b) = await TwoShopsWithProducts(db);

        await using var ctx = db.Context(a);
        ctx.Products.Add(new Product { ShopId = b, Handle = "sneaky", Title = "Sneaky", ShopifyId = 99 });
        await Assert.ThrowsAsync<CrossShopWriteException>(() => ctx.SaveChangesAsync());
    }

    [Fact]
    public async Task New_rows_take_the_scopes_shop()
    {
        await using var db = await TestDb.CreateAsync(DatabaseProvider.Sqlite);
        var (a, _) = await TwoShopsWithProducts(db);

        await using (var ctx = db.Context(a))
        {
            ctx.Products.Add(new Product { Handle = "stamped", Title = "Stamped", ShopifyId = 2 });
            await ctx.SaveChangesAsync();
        }
        await using var check = db.Context(a);
        var stamped = await check.Products.SingleAsync(p => p.Handle == "stamped");
        Assert.Equal(a, stamped.ShopId);
    }

    [Fact]
    public void A_scope_cannot_be_switched_to_another_shop()
    {
        var scope = new ShopScope();
        scope.Set(Guid.NewGuid());
        Assert.Throws<InvalidOperationException>(() => scope.Set(Guid.NewGuid()));
    }
}
