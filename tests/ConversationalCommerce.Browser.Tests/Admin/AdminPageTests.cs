using ConversationalCommerce.Browser.Tests.Storefront;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Conversation;
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
