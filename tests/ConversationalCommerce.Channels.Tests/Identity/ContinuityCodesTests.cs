using ConversationalCommerce.Channels.Identity;
using ConversationalCommerce.Channels.Tests.Widget;
using ConversationalCommerce.Channels.Widget;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ConversationalCommerce.Channels.Tests.Identity;

public sealed class PlainWidgetApp() : WidgetApp(seedDemo: false);

public sealed class ContinuityCodesTests(PlainWidgetApp app) : IClassFixture<PlainWidgetApp>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Code_is_redeemed_once_for_its_conversation_and_customer()
    {
        var (shopId, key) = await app.CreateShopAsync();
        var session = await app.SessionAsync(key);
        var customerId = await CustomerOf(shopId, session.ConversationId);

        var issued = await WithCodes(shopId, codes => codes.IssueAsync(shopId, session.ConversationId, customerId, default));

        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", issued.Code);
        Assert.Equal(_time.GetUtcNow().AddMinutes(30), issued.ExpiresAt);
        var first = await WithCodes(shopId, codes => codes.RedeemAsync(shopId, issued.Code.ToLowerInvariant().Replace("-", " "), default));
        Assert.Equal(new ContinuityRedemption(session.ConversationId, customerId), first);
        Assert.Null(await WithCodes(shopId, codes => codes.RedeemAsync(shopId, issued.Code, default)));
    }

    [Fact]
    public async Task Code_is_stored_only_as_a_hash()
    {
        var (shopId, key) = await app.CreateShopAsync();
        var session = await app.SessionAsync(key);
        var issued = await WithCodes(shopId, codes => codes.IssueAsync(shopId, session.ConversationId, null, default));

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.ContinuityCodes.IgnoreQueryFilters().SingleAsync(c => c.ConversationId == session.ConversationId);
        Assert.DoesNotContain(issued.Code.Replace("-", ""), stored.CodeHash, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(64, stored.CodeHash.Length);
    }

    [Fact]
    public async Task Code_of_one_shop_does_not_redeem_in_another()
    {
        var (shopA, keyA) = await app.CreateShopAsync();
        var (shopB, _) = await app.CreateShopAsync();
        var session = await app.SessionAsync(keyA);
        var issued = await WithCodes(shopA, codes => codes.IssueAsync(shopA, session.ConversationId, null, default));

        Assert.Null(await WithCodes(shopB, codes => codes.RedeemAsync(shopB, issued.Code, default)));
        Assert.NotNull(await WithCodes(shopA, codes => codes.RedeemAsync(shopA, issued.Code, default)));
    }

    [Fact]
    public async Task Expired_code_is_refused()
    {
        var (shopId, key) = await app.CreateShopAsync();
        var session = await app.SessionAsync(key);
        var issued = await WithCodes(shopId, codes => codes.IssueAsync(shopId, session.ConversationId, null, default));

        _time.Advance(TimeSpan.FromMinutes(31));

        Assert.Null(await WithCodes(shopId, codes => codes.RedeemAsync(shopId, issued.Code, default)));
    }

    [Theory]
    [InlineData("Hi Demo Store! I'd like to continue my chat here. My code: K7PX-M2QD", "K7PXM2QD")]
    [InlineData("code k7pxm2qd please", "K7PXM2QD")]
    public void Code_is_found_in_the_prefilled_message(string text, string expected)
    {
        Assert.True(ContinuityCodes.TryFind(text, out var code));
        Assert.Equal(expected, code);
    }

    [Fact]
    public void Text_without_a_code_has_none()
    {
        Assert.False(ContinuityCodes.TryFind("hello, do you ship to Canada?", out _));
    }

    private async Task<T> WithCodes<T>(Guid shopId, Func<ContinuityCodes, Task<T>> use)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        var codes = new ContinuityCodes(scope.ServiceProvider.GetRequiredService<AppDbContext>(), _time,
            scope.ServiceProvider.GetRequiredService<IOptions<WidgetOptions>>());
        return await use(codes);
    }

    private async Task<Guid?> CustomerOf(Guid shopId, Guid conversationId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.CustomerId).SingleAsync();
    }
}
