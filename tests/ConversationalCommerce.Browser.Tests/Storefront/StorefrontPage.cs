using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ConversationalCommerce.Browser.Tests.Storefront;

/// <summary>The demo storefront and its chat widget, through the data-testid hooks the widget documents.</summary>
public sealed partial class StorefrontPage(IPage page)
{
    public IPage Page { get; } = page;

    public ILocator Launcher => Page.GetByTestId("cc-launcher");
    public ILocator Panel => Page.GetByTestId("cc-panel");
    public ILocator Input => Page.GetByTestId("cc-input");
    public ILocator Messages => Page.GetByTestId("cc-message");
    public ILocator AssistantMessages => Page.Locator("[data-testid=cc-message][data-role=assistant]");
    public ILocator ShopperMessages => Page.Locator("[data-testid=cc-message][data-role=shopper]");
    public ILocator Cards => Page.GetByTestId("cc-product-card");
    public ILocator Typing => Page.GetByTestId("cc-typing");

    public async Task OpenAsync()
    {
        await Page.GotoAsync("/");
        await Launcher.WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
    }

    public async Task OpenChatAsync()
    {
        await Launcher.ClickAsync();
        await Input.WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
    }

    /// <summary>Types a question, sends it with Enter and waits for one more assistant message.</summary>
    public async Task AskAsync(string text, float timeout = 30_000)
    {
        var before = await AssistantMessages.CountAsync();
        await Input.FillAsync(text);
        await Input.PressAsync("Enter");
        await WaitForAssistantMessagesAsync(before + 1, timeout);
    }

    public async Task WaitForAssistantMessagesAsync(int count, float timeout = 30_000)
    {
        await Assertions.Expect(AssistantMessages).ToHaveCountAsync(count, new LocatorAssertionsToHaveCountOptions { Timeout = timeout });
    }

    public static decimal Price(string text)
    {
        var match = PriceText().Match(text.Replace(",", "", StringComparison.Ordinal));
        if (!match.Success) throw new FormatException($"no price in '{text}'");
        return decimal.Parse(match.Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The data-testid of the element that has keyboard focus, looking inside shadow roots.</summary>
    public Task<string?> FocusedTestIdAsync() => Page.EvaluateAsync<string?>(
        "() => { let a = document.activeElement; while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement; return a ? a.getAttribute('data-testid') : null; }");

    /// <summary>Presses Tab until the focused element has the test id (bounded), failing when it never does.</summary>
    public async Task TabToAsync(string testId, int maxPresses = 80)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            if (await FocusedTestIdAsync() == testId) return;
            await Page.Keyboard.PressAsync("Tab");
        }
        throw new InvalidOperationException($"Tab never reached {testId}");
    }

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex PriceText();
}
