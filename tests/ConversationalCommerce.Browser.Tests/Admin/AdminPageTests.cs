using ConversationalCommerce.Browser.Tests.Storefront;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Conversation;
using ConversationalCommerce.Engine.CustomIntents;
using ConversationalCommerce.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ConversationalCommerce.Browser.Tests.Admin;

/// <summary>A newcomer's view: the app run locally in Development with the demo store, /admin opened in Chromium (local demo admin session).</summary>
public sealed class AdminPageTests(Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task Merchant_sees_the_overview_numbers_opens_a_conversation_and_replies()
    {
        using var app = new LocalDevelopmentApp();
        app.StartRealServer();
        var (shopId, conversationId) = await SeedConversationAsync(app);

        await using var context = await chromium.DesktopAsync(app.ServerAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin");

        await Assertions.Expect(page.GetByTestId("products")).ToHaveTextAsync("350", new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("open")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#shop-name")).ToContainTextAsync(Shop.DemoDomain);

        // Tabs work from the keyboard: arrow to the next one, which is selected and keeps the focus.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Overview" }).FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        var conversationsTab = page.GetByRole(AriaRole.Tab, new() { Name = "Conversations" });
        await Assertions.Expect(conversationsTab).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(conversationsTab).ToBeFocusedAsync();
        await page.Locator($"[data-conversation='{conversationId}']").ClickAsync();
        var thread = page.GetByRole(AriaRole.List, new() { Name = "Messages" });
        await Assertions.Expect(thread.Locator("li")).ToHaveCountAsync(2);
        await Assertions.Expect(thread).ToContainTextAsync("a birthday gift for my mom under $50");
        Assert.True(await thread.Locator(".product").CountAsync() >= 1);

        await page.GetByLabel("Reply as the shop").FillAsync("Hi! Sam from the Demo Store here.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();
        await Assertions.Expect(thread.Locator("li")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#reply-status")).ToContainTextAsync("Sent");
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot("admin.png"), FullPage = true });

        // The thread is taken over: the customer's next message appears live in the open thread, and nothing answers it.
        await using (var turn = app.Services.CreateAsyncScope())
            await turn.ServiceProvider.GetRequiredService<IConversationService>().HandleAsync(
                new ShopperMessage(shopId, conversationId, Channel.Widget, "Thanks Sam, can you gift wrap it?", "live-1"), default);
        await Assertions.Expect(thread.Locator("li")).ToHaveCountAsync(4);
        await Assertions.Expect(thread.Locator("li").Last).ToContainTextAsync("can you gift wrap it?");

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Data.Scoping.ShopScope>().Set(shopId);
        var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Messages
            .Where(m => m.ConversationId == conversationId).OrderBy(m => m.Seq).Select(m => m.Role).ToListAsync();
        Assert.Equal([MessageRole.Shopper, MessageRole.Assistant, MessageRole.Merchant, MessageRole.Shopper], stored);
    }

    [Fact]
    public async Task Merchant_teaches_a_custom_intent_from_the_intents_tab_and_the_assistant_answers_with_it()
    {
        using var app = new LocalDevelopmentApp();
        app.StartRealServer();
        await using var context = await chromium.DesktopAsync(app.ServerAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin#intents");

        // Too few examples: the reason is shown and nothing is stored.
        await page.GetByLabel("Name").FillAsync("gift_wrapping");
        await page.GetByLabel("Example questions, one per line").FillAsync("do you gift wrap\ncan you wrap it");
        await page.GetByLabel("Reply").FillAsync("Gift wrap is $5 at checkout.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save intent" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("intent-note")).ToContainTextAsync("at least 3 example");
        await Assertions.Expect(page.GetByTestId("intents-table")).ToHaveCountAsync(0);

        await page.GetByLabel("Example questions, one per line").FillAsync(
            "do you offer gift wrapping\ncan you wrap it as a present\nis gift wrap available\ncan I get it wrapped\ndo you wrap gifts");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save intent" }).ClickAsync();
        var row = page.Locator("[data-intent='gift_wrapping']");
        await Assertions.Expect(row).ToContainTextAsync("Gift wrap is $5 at checkout.");
        await Assertions.Expect(page.GetByTestId("intent-note")).ToContainTextAsync("learning it now");

        // The shop's retrained model answers with the merchant's reply once the background training is done.
        await using var scope = app.Services.CreateAsyncScope();
        var shopId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Shops.AsNoTracking()
            .Where(s => s.Domain == Shop.DemoDomain).Select(s => s.Id).SingleAsync();
        await app.Services.GetRequiredService<CustomIntentService>().TrainingFor(shopId).WaitAsync(TimeSpan.FromMinutes(1));
        var turn = await scope.ServiceProvider.GetRequiredService<IConversationService>().HandleAsync(
            new ShopperMessage(shopId, Guid.NewGuid(), Channel.Widget, "do you do gift wrapping?", "m-1"), CancellationToken.None);
        Assert.Equal("gift_wrapping", turn.Reply.Intent);
        Assert.Equal("Gift wrap is $5 at checkout.", turn.Reply.Text);

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete intent gift_wrapping" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
    }

    private static async Task<(Guid ShopId, Guid ConversationId)> SeedConversationAsync(AppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var shop = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Shops.AsNoTracking().SingleAsync(s => s.Domain == Shop.DemoDomain);
        var id = Guid.NewGuid();
        await scope.ServiceProvider.GetRequiredService<IConversationService>().HandleAsync(
            new ShopperMessage(shop.Id, id, Channel.Widget, "a birthday gift for my mom under $50", "m-1"), CancellationToken.None);
        return (shop.Id, id);
    }

    /// <summary>As `dotnet run` on a developer's machine: Development, demo store, no Shopify credentials.</summary>
    private sealed class LocalDevelopmentApp() : AppFactory(seedDemo: true)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Development");
        }
    }
}
