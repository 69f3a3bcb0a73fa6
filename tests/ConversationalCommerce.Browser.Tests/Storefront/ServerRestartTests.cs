using ConversationalCommerce.Testing;
using Microsoft.Playwright;

namespace ConversationalCommerce.Browser.Tests.Storefront;

/// <summary>The server goes away and comes back on the same port with the same data; the open widget carries on.</summary>
public sealed class ServerRestartTests(Chromium chromium) : IClassFixture<Chromium>, IDisposable
{
    private readonly TestDataDirectory _data = new();

    [Fact]
    public async Task Widget_reconnects_after_a_server_restart_and_the_conversation_continues()
    {
        var first = Start(port: 0);
        var address = first.ServerAddress;
        await using var context = await chromium.DesktopAsync(address);
        var store = new StorefrontPage(await context.NewPageAsync());
        await store.OpenAsync();
        await store.OpenChatAsync();
        await store.AskAsync("do you sell board games?");

        first.Dispose();
        using var second = Start(address.Port);

        await store.AskAsync("something for a 10 year old under $30", timeout: 90_000);
        await Assertions.Expect(store.ShopperMessages).ToHaveCountAsync(2);
        await Assertions.Expect(store.ShopperMessages.First).ToContainTextAsync("do you sell board games?");
    }

    private AppFactory Start(int port)
    {
        var factory = new AppFactory(seedDemo: true)
            .WithSetting("DataDirectory", _data.Path)
            .WithSetting("ConnectionStrings:Default", _data.SqliteConnectionString)
            // On a loaded machine a graceful stop can overrun the default 30 s; the stop itself is not under test.
            .WithSetting("shutdownTimeoutSeconds", "120");
        factory.UseKestrel(port);
        factory.StartServer();
        return factory;
    }

    public void Dispose() => _data.Dispose();
}
