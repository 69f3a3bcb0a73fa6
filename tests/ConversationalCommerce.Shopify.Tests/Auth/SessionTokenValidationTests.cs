using ConversationalCommerce.Shopify.Auth;
using ConversationalCommerce.Shopify.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ConversationalCommerce.Shopify.Tests.Auth;

public sealed class SessionTokenValidationTests
{
    private const string Shop = "tea-house.myshopify.com";
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly SessionTokenValidator _validator = new(
        new StaticOptionsMonitor<ShopifyOptions>(new ShopifyOptions { ApiKey = ShopifyTestApp.ApiKey, ApiSecret = ShopifyTestApp.ApiSecret }),
        new FakeTimeProvider(Now), NullLogger<SessionTokenValidator>.Instance);

    [Fact]
    public async Task Valid_token_yields_the_shop_of_its_destination()
    {
        var session = await _validator.ValidateAsync(ShopifyTestApp.SessionToken(Shop, Now));

        Assert.NotNull(session);
        Assert.Equal(Shop, session.ShopDomain);
        Assert.Equal("42", session.UserId);
    }

    [Fact]
    public async Task Token_for_another_app_is_refused() =>
        Assert.Null(await _validator.ValidateAsync(ShopifyTestApp.SessionToken(Shop, Now, audience: "someone-elses-client-id")));

    [Fact]
    public async Task Token_signed_with_another_secret_is_refused() =>
        Assert.Null(await _validator.ValidateAsync(ShopifyTestApp.SessionToken(Shop, Now, secret: "shpss_ffffffffffffffffffffffffffffffff")));

    [Fact]
    public async Task Expired_token_is_refused_beyond_the_leeway()
    {
        Assert.Null(await _validator.ValidateAsync(ShopifyTestApp.SessionToken(Shop, Now - TimeSpan.FromMinutes(2), expiresIn: TimeSpan.FromMinutes(1))));
        // Expired 3 s ago: within the 5 s leeway for clock drift.
        Assert.NotNull(await _validator.ValidateAsync(ShopifyTestApp.SessionToken(Shop, Now - TimeSpan.FromSeconds(63), expiresIn: TimeSpan.FromMinutes(1))));
    }

    [Fact]
    public async Task Not_before_is_honoured_with_a_few_seconds_of_leeway()
    {
        Assert.NotNull(await _validator.ValidateAsync(ShopifyTestApp.SessionToken(Shop, Now, notBeforeOffset: TimeSpan.FromSeconds(3))));
        Assert.Null(await _validator.ValidateAsync(ShopifyTestApp.SessionToken(Shop, Now, notBeforeOffset: TimeSpan.FromSeconds(30))));
    }

    [Fact]
    public async Task Issuer_and_destination_must_name_the_same_myshopify_shop()
    {
        Assert.Null(await _validator.ValidateAsync(ShopifyTestApp.SessionToken(Shop, Now, issuer: "https://other-shop.myshopify.com/admin")));
        Assert.Null(await _validator.ValidateAsync(ShopifyTestApp.SessionToken(Shop, Now, dest: "https://tea-house.example.com", issuer: "https://tea-house.example.com/admin")));
    }

    [Fact]
    public async Task Garbage_is_refused() => Assert.Null(await _validator.ValidateAsync("not.a.jwt"));
}
