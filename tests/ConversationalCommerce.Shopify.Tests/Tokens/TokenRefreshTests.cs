using ConversationalCommerce.Shopify.Tests.Support;
using ConversationalCommerce.Shopify.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ConversationalCommerce.Shopify.Tests.Tokens;

public sealed class TokenRefreshTests
{
    private const string Shop = "tea-house.myshopify.com";

    private static void StubRefresh(ShopifyTestApp app, string body) =>
        app.Shopify.Given(Request.Create().WithPath(ShopifyTestApp.TokenPath).UsingPost()
                .WithBody(b => b != null && b.Contains("grant_type=refresh_token")))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(body).WithDelay(TimeSpan.FromMilliseconds(400)));

    private static int RefreshCalls(ShopifyTestApp app) =>
        app.Shopify.LogEntries.Count(e => e.RequestMessage.Path == ShopifyTestApp.TokenPath);

    [Fact]
    public async Task Token_about_to_expire_is_refreshed_once_for_20_concurrent_callers()
    {
        using var app = new ShopifyTestApp();
        // Expires within the 5 minute refresh margin.
        var shopId = await app.InstallShopAsync(Shop, "shpat_old", expiresIn: 120, refreshToken: "shprt_original", refreshExpiresIn: 7775999);
        StubRefresh(app, ShopifyPayloads.Token("shpat_new", 3599, "shprt_rotated", 7775999));
        var provider = app.Services.GetRequiredService<IShopAccessTokenProvider>();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => provider.GetAsync(shopId, CancellationToken.None))));

        Assert.All(results, r => Assert.Equal("shpat_new", r.AccessToken));
        Assert.Equal(1, RefreshCalls(app));
        var form = System.Web.HttpUtility.ParseQueryString(app.Shopify.LogEntries.Single().RequestMessage.Body!);
        Assert.Equal("refresh_token", form["grant_type"]);
        Assert.Equal("shprt_original", form["refresh_token"]);
        Assert.Equal(ShopifyTestApp.ApiKey, form["client_id"]);
        Assert.Equal(ShopifyTestApp.ApiSecret, form["client_secret"]);

        // The rotated refresh token replaced the used one, together with the new access token.
        var shop = await app.WithDbAsync(db => db.Shops.AsNoTracking().SingleAsync(s => s.Id == shopId));
        var protector = app.Services.GetRequiredService<ShopTokenProtector>();
        Assert.Equal("shprt_rotated", protector.Unprotect(shop.EncryptedRefreshToken!));
        Assert.Equal("shpat_new", protector.Unprotect(shop.EncryptedAccessToken!));
        Assert.InRange(shop.AccessTokenExpiresAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
        Assert.False(await app.WithDbAsync(db => db.Leases.AnyAsync()), "the refresh lease was not given back");
    }

    [Fact]
    public async Task Two_nodes_refreshing_the_same_shop_call_Shopify_once()
    {
        using var app = new ShopifyTestApp();
        var shopId = await app.InstallShopAsync(Shop, "shpat_old", expiresIn: 60, refreshToken: "shprt_original", refreshExpiresIn: 7775999);
        StubRefresh(app, ShopifyPayloads.Token("shpat_new", 3599, "shprt_rotated", 7775999));
        // Two providers = two nodes: separate in-process gates, one shared database.
        var nodeA = ActivatorUtilities.CreateInstance<ShopAccessTokenProvider>(app.Services);
        var nodeB = ActivatorUtilities.CreateInstance<ShopAccessTokenProvider>(app.Services);

        var calls = Enumerable.Range(0, 20).Select(i => Task.Run(() => (i % 2 == 0 ? nodeA : nodeB).GetAsync(shopId, CancellationToken.None)));
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.Equal("shpat_new", r.AccessToken));
        Assert.Equal(1, RefreshCalls(app));
    }

    [Fact]
    public async Task Refresh_answer_without_expires_in_leaves_a_working_non_expiring_token()
    {
        using var app = new ShopifyTestApp();
        var shopId = await app.InstallShopAsync(Shop, "shpat_old", expiresIn: 30, refreshToken: "shprt_original", refreshExpiresIn: 7775999);
        StubRefresh(app, """{"access_token":"shpat_no_expiry","scope":"read_products,read_customers,read_orders"}""");
        var provider = app.Services.GetRequiredService<IShopAccessTokenProvider>();

        var first = await provider.GetAsync(shopId, CancellationToken.None);
        var second = await provider.GetAsync(shopId, CancellationToken.None);

        Assert.Equal("shpat_no_expiry", first.AccessToken);
        Assert.Equal("shpat_no_expiry", second.AccessToken);
        Assert.Equal(1, RefreshCalls(app));
        var shop = await app.WithDbAsync(db => db.Shops.AsNoTracking().SingleAsync(s => s.Id == shopId));
        Assert.Null(shop.AccessTokenExpiresAt);
        // No new refresh token came back: the one we hold is kept, not lost.
        Assert.Equal("shprt_original", app.Services.GetRequiredService<ShopTokenProtector>().Unprotect(shop.EncryptedRefreshToken!));
    }

    [Fact]
    public async Task Fresh_token_is_used_without_calling_Shopify()
    {
        using var app = new ShopifyTestApp();
        var shopId = await app.InstallShopAsync(Shop, "shpat_fresh", expiresIn: 3599, refreshToken: "shprt_original", refreshExpiresIn: 7775999);

        var access = await app.Services.GetRequiredService<IShopAccessTokenProvider>().GetAsync(shopId, CancellationToken.None);

        Assert.Equal("shpat_fresh", access.AccessToken);
        Assert.Equal(0, RefreshCalls(app));
    }

    [Fact]
    public async Task Refused_refresh_token_marks_the_shop_for_reauthorization()
    {
        using var app = new ShopifyTestApp();
        var shopId = await app.InstallShopAsync(Shop, "shpat_old", expiresIn: 30, refreshToken: "shprt_revoked", refreshExpiresIn: 7775999);
        app.Shopify.Given(Request.Create().WithPath(ShopifyTestApp.TokenPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":"invalid_grant","error_description":"The refresh token is invalid."}"""));

        await Assert.ThrowsAsync<ShopReauthorizationRequiredException>(() =>
            app.Services.GetRequiredService<IShopAccessTokenProvider>().GetAsync(shopId, CancellationToken.None));
        Assert.False(await app.WithDbAsync(db => db.Leases.AnyAsync()), "the refresh lease was not given back");
        var shop = await app.WithDbAsync(db => db.Shops.AsNoTracking().SingleAsync(s => s.Id == shopId));
        // Still installed, without tokens: the merchant's next visit to the app exchanges new ones.
        Assert.Equal(Domain.Shops.ShopInstallState.Installed, shop.InstallState);
        Assert.Null(shop.EncryptedAccessToken);
        Assert.Null(shop.EncryptedRefreshToken);
    }
}
