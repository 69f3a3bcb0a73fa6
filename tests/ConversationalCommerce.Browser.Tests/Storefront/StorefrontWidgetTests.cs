using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ConversationalCommerce.Browser.Tests.Storefront;

/// <summary>A shopper in Chromium on the demo storefront, talking to the real app.</summary>
public sealed class StorefrontWidgetTests(StorefrontApp app, Chromium chromium) : IClassFixture<StorefrontApp>, IClassFixture<Chromium>
{
    private const string GiftQuestion = "a birthday gift for my mom under $50";

    [Fact]
    public async Task Shopper_finds_in_stock_gifts_within_budget_and_adds_a_chosen_variant_to_the_cart()
    {
        await using var context = await chromium.DesktopAsync(app.Address);
        var store = new StorefrontPage(await context.NewPageAsync());
        await store.OpenAsync();
        await store.OpenChatAsync();

        await store.AskAsync(GiftQuestion);

        var cards = store.Cards;
        await Assertions.Expect(cards.First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 20_000 });
        var count = await cards.CountAsync();
        Assert.InRange(count, 1, 12);
        for (var i = 0; i < count; i++)
        {
            var card = cards.Nth(i);
            Assert.True(StorefrontPage.Price(await card.GetByTestId("cc-product-price").InnerTextAsync()) <= 50m);
            Assert.Equal("true", await card.GetByTestId("cc-product-availability").GetAttributeAsync("data-available"));
        }

        await app.ClearCartAsync();
        var withVariants = cards.Filter(new LocatorFilterOptions { Has = store.Page.GetByTestId("cc-variant-select") }).First;
        var title = await withVariants.GetByTestId("cc-product-title").InnerTextAsync();
        var select = withVariants.GetByTestId("cc-variant-select").First;
        var options = await select.Locator("option:not([disabled])").AllInnerTextsAsync();
        var chosen = options[^1].Trim();
        await select.SelectOptionAsync(new SelectOptionValue { Label = options[^1] });
        await withVariants.GetByTestId("cc-add-to-cart").ClickAsync();
        await Assertions.Expect(withVariants.GetByTestId("cc-cart-confirmation")).Not.ToBeEmptyAsync(new LocatorAssertionsToBeEmptyOptions { Timeout = 10_000 });

        var calls = await app.CartCallsAsync();
        var added = Assert.Single(Assert.Single(calls.Calls).Items);
        var variant = await VariantAsync(added.Id);
        Assert.Equal(title, variant.ProductTitle);
        Assert.Contains(chosen, variant.Title, StringComparison.OrdinalIgnoreCase);
        Assert.True(variant.Price <= 50m);

        await store.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.Screenshot("widget-desktop.png") });
    }

    [Fact]
    public async Task Reloading_the_page_shows_the_conversation_again()
    {
        await using var context = await chromium.DesktopAsync(app.Address);
        var store = new StorefrontPage(await context.NewPageAsync());
        await store.OpenAsync();
        await store.OpenChatAsync();
        await store.AskAsync("do you have scented candles?");

        await store.Page.ReloadAsync();
        await store.Launcher.WaitForAsync();
        // The widget remembers for the tab that it was open; open it only if it is not.
        if (await store.Launcher.GetAttributeAsync("aria-expanded") != "true") await store.OpenChatAsync();

        await Assertions.Expect(store.ShopperMessages.First).ToContainTextAsync("do you have scented candles?", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });
        await store.WaitForAssistantMessagesAsync(1);
    }

    [Fact]
    public async Task Keyboard_only_shopper_can_open_the_chat_ask_and_add_to_cart()
    {
        await using var context = await chromium.DesktopAsync(app.Address);
        var store = new StorefrontPage(await context.NewPageAsync());
        await store.OpenAsync();

        await store.TabToAsync("cc-launcher");
        await store.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(store.Input).ToBeFocusedAsync(new LocatorAssertionsToBeFocusedOptions { Timeout = 10_000 });
        await store.Page.Keyboard.TypeAsync("a scarf under $40");
        await store.Page.Keyboard.PressAsync("Enter");
        await store.WaitForAssistantMessagesAsync(1);
        await Assertions.Expect(store.Cards.First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 20_000 });

        // Escape closes the panel and gives focus back to the launcher; Enter opens it again at the input.
        await store.Page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(store.Launcher).ToBeFocusedAsync();
        await Assertions.Expect(store.Input).ToBeHiddenAsync();
        await store.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(store.Input).ToBeFocusedAsync();

        await app.ClearCartAsync();
        await store.TabToAsync("cc-add-to-cart");
        await store.Page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(store.Page.GetByTestId("cc-cart-confirmation").First).Not.ToBeEmptyAsync(new LocatorAssertionsToBeEmptyOptions { Timeout = 10_000 });
        Assert.Single((await app.CartCallsAsync()).Calls);
    }

    [Fact]
    public async Task On_a_phone_the_chat_opens_full_screen()
    {
        await using var context = await chromium.PhoneAsync(app.Address);
        var store = new StorefrontPage(await context.NewPageAsync());
        await store.OpenAsync();
        await store.Launcher.TapAsync();
        await store.Input.WaitForAsync();

        await store.AskAsync(GiftQuestion);

        var box = await store.Panel.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.Equal((0f, 0f), (box.X, box.Y));
        Assert.True(box.Width >= 389 && box.Height >= 843, $"{box.Width}x{box.Height}");
        await store.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.Screenshot("widget-mobile.png") });
    }

    private async Task<(string Title, string ProductTitle, decimal Price)> VariantAsync(long shopifyVariantId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shopId = await db.Shops.Where(s => s.Domain == Shop.DemoDomain).Select(s => s.Id).SingleAsync();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        var variant = await db.Variants.Where(v => v.ShopifyId == shopifyVariantId)
            .Join(db.Products, v => v.ProductId, p => p.Id, (v, p) => new { v.Title, ProductTitle = p.Title, v.Price })
            .SingleAsync();
        return (variant.Title, variant.ProductTitle, variant.Price);
    }
}
