using ConversationalCommerce.Channels.Identity;
using ConversationalCommerce.Channels.Tests.Widget;
using ConversationalCommerce.Channels.Widget;
using ConversationalCommerce.Channels.Widget.Session;
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
        var session = await StartedSessionAsync(shopId, key);
        var customerId = await CustomerOf(shopId, session.ConversationId);

        var issued = await WithCodes(shopId, codes => codes.IssueAsync(shopId, session.ConversationId, customerId, default));

        Assert.Matches("^CC-[BCDFGHJKMNPQRSTVWXZ2-9]{4}-[BCDFGHJKMNPQRSTVWXZ2-9]{4}$", issued.Code);
        Assert.Equal(_time.GetUtcNow().AddMinutes(30), issued.ExpiresAt);
        var first = await WithCodes(shopId, codes => codes.RedeemAsync(shopId, issued.Code.ToLowerInvariant().Replace("-", " "), default));
        Assert.Equal(new ContinuityRedemption(session.ConversationId, customerId), first);
        Assert.Null(await WithCodes(shopId, codes => codes.RedeemAsync(shopId, issued.Code, default)));
    }

    [Fact]
    public async Task Code_is_stored_only_as_a_hash()
    {
        var (shopId, key) = await app.CreateShopAsync();
        var session = await StartedSessionAsync(shopId, key);
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
        var session = await StartedSessionAsync(shopA, keyA);
        var issued = await WithCodes(shopA, codes => codes.IssueAsync(shopA, session.ConversationId, null, default));

        Assert.Null(await WithCodes(shopB, codes => codes.RedeemAsync(shopB, issued.Code, default)));
        Assert.NotNull(await WithCodes(shopA, codes => codes.RedeemAsync(shopA, issued.Code, default)));
    }

    [Fact]
    public async Task Expired_code_is_refused()
    {
        var (shopId, key) = await app.CreateShopAsync();
        var session = await StartedSessionAsync(shopId, key);
        var issued = await WithCodes(shopId, codes => codes.IssueAsync(shopId, session.ConversationId, null, default));

        _time.Advance(TimeSpan.FromMinutes(31));

        Assert.Null(await WithCodes(shopId, codes => codes.RedeemAsync(shopId, issued.Code, default)));
    }

    [Theory]
    [InlineData("Hi Demo Store! I'd like to continue my chat here. My code: CC-K7PX-M2QD", "K7PXM2QD")]
    [InlineData("code cc-k7px-m2qd please", "K7PXM2QD")]
    [InlineData("CC-K7PX-M2QD", "K7PXM2QD")]
    public void Code_is_found_in_the_prefilled_message(string text, string expected)
    {
        Assert.True(ContinuityCodes.TryFind(text, out var code));
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData("hello, do you ship to Canada?")]
    [InlineData("I need a birthday present for my daughter, something colorful")]
    [InlineData("SHIPPING QUESTION: where is my package?? ORDERNUM")]
    [InlineData("do you have cashmere sweaters or leggings in medium")]
    [InlineData("Strength training mats, rhythmic")]
    [InlineData("My code: K7PX-M2QD")]
    [InlineData("CC-K7PX-M2QDX or XCC-K7PX-M2QD")]
    [InlineData("cc-abcd-efgh")]
    [InlineData("reference CC-1234-5678")]
    public void Ordinary_text_and_malformed_codes_are_never_taken_for_a_code(string text)
    {
        Assert.False(ContinuityCodes.TryFind(text, out _));
    }

    [Fact]
    public void No_eight_letter_word_of_a_shopping_vocabulary_reads_as_a_code_even_in_code_position()
    {
        var words = ("shipping birthday necklace sweaters cheapest handbags earrings bracelet slippers jewelry candles " +
            "rhythmic cashmere lipstick perfumes backpack notebook ceramics blankets cushions speakers headsets charger " +
            "strength schedule children toddlers presents discount delivery purchase").Split(' ');
        foreach (var word in words.Where(w => w.Length >= 8))
        {
            var text = $"My code: CC-{word[..4]}-{word[4..8]} and {word} {word.ToUpperInvariant()}";
            Assert.False(ContinuityCodes.TryFind(text, out _), word);
        }
    }

    private async Task<T> WithCodes<T>(Guid shopId, Func<ContinuityCodes, Task<T>> use)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        var codes = new ContinuityCodes(scope.ServiceProvider.GetRequiredService<AppDbContext>(), _time,
            scope.ServiceProvider.GetRequiredService<IOptions<WidgetOptions>>());
        return await use(codes);
    }

    /// <summary>A widget session whose thread is written, as the hub does before it issues a code.</summary>
    private async Task<Session> StartedSessionAsync(Guid shopId, string key)
    {
        var session = await app.SessionAsync(key);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        var threads = scope.ServiceProvider.GetRequiredService<VisitorThreads>();
        var thread = await threads.ResolveAsync(session.VisitorId, null, "en", default);
        Assert.Equal(session.ConversationId, thread.ConversationId);
        await threads.EnsureStartedAsync(session.VisitorId, thread, default);
        return session;
    }

    private async Task<Guid?> CustomerOf(Guid shopId, Guid conversationId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.CustomerId).SingleAsync();
    }
}
