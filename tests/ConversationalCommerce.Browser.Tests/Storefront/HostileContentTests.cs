using ConversationalCommerce.Channels.Widget.Hub;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Catalog;
using ConversationalCommerce.Engine.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ConversationalCommerce.Browser.Tests.Storefront;

/// <summary>Markup and script URLs in catalog data, shopper text and merchant messages are shown as text, never run.</summary>
public sealed class HostileContentTests(StorefrontApp app, Chromium chromium) : IClassFixture<StorefrontApp>, IClassFixture<Chromium>
{
    private const string ImgPayload = "<img src=x onerror=\"window.__pwned=(window.__pwned||0)+1\">";

    [Fact]
    public async Task Hostile_titles_messages_and_links_render_as_inert_text()
    {
        var shopId = await AddHostileProductAsync();
        await using var context = await chromium.DesktopAsync(app.Address);
        var store = new StorefrontPage(await context.NewPageAsync());
        var dialogs = 0;
        store.Page.Dialog += async (_, dialog) => { dialogs++; await dialog.DismissAsync(); };
        await store.OpenAsync();
        await store.OpenChatAsync();

        // 1. The shopper types markup.
        await store.AskAsync("zebrafish mug " + ImgPayload);
        await Assertions.Expect(store.ShopperMessages.Last).ToContainTextAsync(ImgPayload);

        // 2. A catalog title with markup comes back as a product card (the search index picks the product up in the background).
        var hostileCard = store.Cards.Filter(new LocatorFilterOptions { HasText = "Zebrafish mug <img" });
        for (var attempt = 0; attempt < 5 && await hostileCard.CountAsync() == 0; attempt++)
        {
            await Task.Delay(1_000);
            await store.AskAsync("zebrafish mug");
        }
        await Assertions.Expect(hostileCard.First.GetByTestId("cc-product-title")).ToContainTextAsync(ImgPayload);

        // 3. A merchant message and a reply whose card links to javascript: are pushed from the server.
        var session = await ConversationOfPageAsync(store);
        var push = app.Factory.Services.GetRequiredService<IWidgetPush>();
        var merchant = new Message
        {
            ShopId = shopId, ConversationId = session, Seq = 999, Role = MessageRole.Merchant, Channel = Channel.Admin, CreatedAt = DateTimeOffset.UtcNow,
            Text = $"Sam here {ImgPayload} <a href=\"javascript:window.__pwned=99\">see this</a> <script>window.__pwned=42</script>",
        };
        var reply = new Reply
        {
            Text = "Look " + ImgPayload,
            Products =
            [
                new ProductCard
                {
                    ProductId = Guid.NewGuid(), ShopifyId = 4242, Handle = "evil", Title = "Evil <svg onload=\"window.__pwned=7\">",
                    Url = "javascript:window.__pwned=5", ImageUrl = "javascript:window.__pwned=6", Price = 10m, Available = true,
                },
            ],
        };
        await push.MessageAsync(merchant, reply, default);
        await Assertions.Expect(store.Page.Locator("[data-testid=cc-message][data-role=merchant]")).ToContainTextAsync("<script>window.__pwned=42</script>");
        var evil = store.Cards.Filter(new LocatorFilterOptions { HasText = "Evil <svg" });
        await Assertions.Expect(evil).ToHaveCountAsync(1);
        if (await evil.GetByTestId("cc-view-product").CountAsync() > 0)
            await evil.GetByTestId("cc-view-product").ClickAsync(new LocatorClickOptions { Timeout = 2_000 }).ContinueWith(_ => { });

        await store.Page.WaitForTimeoutAsync(500);
        Assert.Null(await store.Page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
        Assert.Equal(0, dialogs);
        Assert.Equal(0, await store.Page.Locator("img[src='x'], svg[onload], script:not([src])").Locator("visible=true").CountAsync());
        Assert.Equal(0, await store.Page.Locator("a[href^='javascript:'], img[src^='javascript:']").CountAsync());
    }

    private async Task<Guid> AddHostileProductAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shopId = await db.Shops.Where(s => s.Domain == Shop.DemoDomain).Select(s => s.Id).SingleAsync();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        if (!await db.Products.AnyAsync(p => p.Handle == "zebrafish-mug-hostile"))
        {
            var now = DateTimeOffset.UtcNow;
            db.Products.Add(new Product
            {
                ShopifyId = 9_900_001, Handle = "zebrafish-mug-hostile", Title = "Zebrafish mug " + ImgPayload, Vendor = "Hostile Co",
                ProductType = "Mug", Tags = "mug,kitchen", CreatedAt = now, UpdatedAt = now,
                Variants = [new ProductVariant { ShopifyId = 9_900_002, Title = "Default Title", Price = 18m, InventoryQuantity = 5 }],
            });
            await db.SaveChangesAsync();
        }
        scope.ServiceProvider.GetRequiredService<ICatalogChangeNotifier>().ShopChanged(shopId);
        return shopId;
    }

    /// <summary>The conversation the page's visitor talks in, from the session the widget stored.</summary>
    private async Task<Guid> ConversationOfPageAsync(StorefrontPage store)
    {
        var visitorId = await store.Page.EvaluateAsync<string>(
            "() => { for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); if (k.endsWith(':visitor')) return JSON.parse(localStorage.getItem(k)).visitorId; } return null; }");
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shopId = await db.Shops.Where(s => s.Domain == Shop.DemoDomain).Select(s => s.Id).SingleAsync();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        var customerId = await db.ChannelIdentities.Where(i => i.Value == visitorId).Select(i => i.CustomerId).SingleAsync();
        return await db.Conversations.Where(c => c.CustomerId == customerId).OrderByDescending(c => c.LastMessageAt).Select(c => c.Id).FirstAsync();
    }
}
