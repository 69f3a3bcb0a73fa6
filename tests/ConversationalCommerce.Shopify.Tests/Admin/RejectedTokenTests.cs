using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Shopify.Admin;
using ConversationalCommerce.Shopify.Tests.Support;
using ConversationalCommerce.Shopify.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ConversationalCommerce.Shopify.Tests.Admin;

/// <summary>
/// Shopify answers 401 to a token it no longer accepts although its expiry has not come (revoked by a rotation
/// elsewhere, clock skew, a token Shopify invalidated). The client renews it once, shared by every caller, and
/// retries; when that cannot help, the shop is marked as needing re-authorization.
/// </summary>
public sealed class RejectedTokenTests
{
    private const string Shop = "tea-house.myshopify.com";
    private const string ShopQuery = "query shopName { shop { name } }";
    private const string ShopData = """{"shop":{"name":"Tea House"}}""";
    // What Shopify's Admin API answers to an unknown or expired access token.
    private const string InvalidTokenBody = """{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}""";

    private static void StubGraphQL(ShopifyTestApp app, string token, int status, string body) =>
        app.Shopify.Given(Request.Create().WithPath(ShopifyTestApp.GraphQLPath).UsingPost()
                .WithHeader("X-Shopify-Access-Token", token))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    private static void StubRefresh(ShopifyTestApp app, int status, string body) =>
        app.Shopify.Given(Request.Create().WithPath(ShopifyTestApp.TokenPath).UsingPost()
                .WithBody(b => b != null && b.Contains("grant_type=refresh_token")))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json")
                .WithBody(body).WithDelay(TimeSpan.FromMilliseconds(300)));

    private static int Calls(ShopifyTestApp app, string path) => app.Shopify.LogEntries.Count(e => e.RequestMessage.Path == path);

    private static Task<System.Text.Json.JsonElement> QueryAsync(ShopifyTestApp app, Guid shopId) =>
        app.Services.GetRequiredService<ShopifyAdminClient>().ExecuteAsync(shopId, "shopName", ShopQuery, null, CancellationToken.None);

    /// <summary>A shop whose access token Shopify rejects, with a refresh token that renews it (rotating the refresh token).</summary>
    private static async Task<Guid> RejectedButRenewableAsync(ShopifyTestApp app)
    {
        var shopId = await app.InstallShopAsync(Shop, "shpat_rejected", expiresIn: 3599, refreshToken: "shprt_original", refreshExpiresIn: 7775999);
        StubGraphQL(app, "shpat_rejected", 401, InvalidTokenBody);
        StubGraphQL(app, "shpat_renewed", 200, ShopifyPayloads.Data(ShopData));
        StubRefresh(app, 200, ShopifyPayloads.Token("shpat_renewed", 3599, "shprt_rotated", 7775999));
        return shopId;
    }

    private static Task<Shop> ShopRowAsync(ShopifyTestApp app, Guid shopId) =>
        app.WithDbAsync(db => db.Shops.AsNoTracking().SingleAsync(s => s.Id == shopId));

    [Fact]
    public async Task Rejected_token_is_refreshed_and_the_query_retried_with_the_new_one()
    {
        using var app = new ShopifyTestApp();
        // An hour left on the clock: no refresh would happen without the 401.
        var shopId = await RejectedButRenewableAsync(app);

        var data = await QueryAsync(app, shopId);

        Assert.Equal("Tea House", data.GetProperty("shop").GetProperty("name").GetString());
        Assert.Equal(1, Calls(app, ShopifyTestApp.TokenPath));
        Assert.Equal(["shpat_rejected", "shpat_renewed"], app.Shopify.LogEntries
            .Where(e => e.RequestMessage.Path == ShopifyTestApp.GraphQLPath)
            .Select(e => e.RequestMessage.Headers!["X-Shopify-Access-Token"].Single()));
        var shop = await ShopRowAsync(app, shopId);
        var protector = app.Services.GetRequiredService<ShopTokenProtector>();
        Assert.Equal("shpat_renewed", protector.Unprotect(shop.EncryptedAccessToken!));
        Assert.Equal("shprt_rotated", protector.Unprotect(shop.EncryptedRefreshToken!));
    }

    [Fact]
    public async Task Twenty_queries_rejected_at_once_share_one_refresh()
    {
        using var app = new ShopifyTestApp();
        var shopId = await RejectedButRenewableAsync(app);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => QueryAsync(app, shopId))));

        Assert.All(results, d => Assert.Equal("Tea House", d.GetProperty("shop").GetProperty("name").GetString()));
        // Shopify rotates the refresh token on use: a second refresh would have spent the rotated one.
        Assert.Equal(1, Calls(app, ShopifyTestApp.TokenPath));
    }

    [Fact]
    public async Task Two_nodes_rejected_at_once_share_one_refresh()
    {
        using var app = new ShopifyTestApp();
        var shopId = await RejectedButRenewableAsync(app);
        // Two nodes: each its own token provider (own in-process gates) and client, one shared database.
        var http = app.Services.GetRequiredService<IHttpClientFactory>();
        ShopifyAdminClient Node() => ActivatorUtilities.CreateInstance<ShopifyAdminClient>(app.Services,
            http.CreateClient(nameof(ShopifyAdminClient)), ActivatorUtilities.CreateInstance<ShopAccessTokenProvider>(app.Services));
        var nodes = new[] { Node(), Node() };

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            nodes[i % 2].ExecuteAsync(shopId, "shopName", ShopQuery, null, CancellationToken.None))));

        Assert.All(results, d => Assert.Equal("Tea House", d.GetProperty("shop").GetProperty("name").GetString()));
        Assert.Equal(1, Calls(app, ShopifyTestApp.TokenPath));
    }

    [Fact]
    public async Task Refused_refresh_marks_the_shop_for_reauthorization_after_one_attempt_for_all_callers()
    {
        using var app = new ShopifyTestApp();
        var shopId = await app.InstallShopAsync(Shop, "shpat_rejected", expiresIn: 3599, refreshToken: "shprt_revoked", refreshExpiresIn: 7775999);
        StubGraphQL(app, "shpat_rejected", 401, InvalidTokenBody);
        StubRefresh(app, 400, """{"error":"invalid_grant","error_description":"The refresh token is invalid."}""");

        var calls = Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
            await Record.ExceptionAsync(() => QueryAsync(app, shopId)))).ToList();
        var errors = await Task.WhenAll(calls);

        Assert.All(errors, e => Assert.IsType<ShopReauthorizationRequiredException>(e));
        Assert.Equal(1, Calls(app, ShopifyTestApp.TokenPath));
        var shop = await ShopRowAsync(app, shopId);
        Assert.Equal(ShopInstallState.Installed, shop.InstallState);
        Assert.Null(shop.EncryptedAccessToken);
        Assert.Null(shop.EncryptedRefreshToken);
        Assert.False(await app.WithDbAsync(db => db.Leases.AnyAsync()), "the refresh lease was not given back");
    }

    [Fact]
    public async Task Renewed_token_rejected_too_marks_the_shop_for_reauthorization()
    {
        using var app = new ShopifyTestApp();
        var shopId = await app.InstallShopAsync(Shop, "shpat_rejected", expiresIn: 3599, refreshToken: "shprt_original", refreshExpiresIn: 7775999);
        StubGraphQL(app, "shpat_rejected", 401, InvalidTokenBody);
        StubGraphQL(app, "shpat_renewed", 401, InvalidTokenBody);
        StubRefresh(app, 200, ShopifyPayloads.Token("shpat_renewed", 3599, "shprt_rotated", 7775999));

        await Assert.ThrowsAsync<ShopReauthorizationRequiredException>(() => QueryAsync(app, shopId));

        Assert.Equal(1, Calls(app, ShopifyTestApp.TokenPath));
        Assert.Equal(2, Calls(app, ShopifyTestApp.GraphQLPath));
        var shop = await ShopRowAsync(app, shopId);
        Assert.Null(shop.EncryptedAccessToken);
        Assert.Null(shop.EncryptedRefreshToken);
    }

    [Fact]
    public async Task Rejected_token_without_refresh_token_needs_reauthorization_and_later_calls_stay_off_Shopify()
    {
        using var app = new ShopifyTestApp();
        var shopId = await app.InstallShopAsync(Shop, "shpat_rejected");
        StubGraphQL(app, "shpat_rejected", 401, InvalidTokenBody);

        await Assert.ThrowsAsync<ShopReauthorizationRequiredException>(() => QueryAsync(app, shopId));
        await Assert.ThrowsAsync<ShopReauthorizationRequiredException>(() => QueryAsync(app, shopId));

        Assert.Equal(0, Calls(app, ShopifyTestApp.TokenPath));
        Assert.Equal(1, Calls(app, ShopifyTestApp.GraphQLPath));
        Assert.Null((await ShopRowAsync(app, shopId)).EncryptedAccessToken);
    }

    [Fact]
    public async Task Reauthorization_after_the_mark_makes_the_shop_work_again()
    {
        using var app = new ShopifyTestApp();
        var shopId = await app.InstallShopAsync(Shop, "shpat_rejected");
        StubGraphQL(app, "shpat_rejected", 401, InvalidTokenBody);
        StubGraphQL(app, "shpat_reauthorized", 200, ShopifyPayloads.Data(ShopData));
        await Assert.ThrowsAsync<ShopReauthorizationRequiredException>(() => QueryAsync(app, shopId));

        // The merchant opens the app: the token exchange stores new tokens on the same shop row.
        Assert.Equal(shopId, await app.InstallShopAsync(Shop, "shpat_reauthorized"));

        var data = await QueryAsync(app, shopId);
        Assert.Equal("Tea House", data.GetProperty("shop").GetProperty("name").GetString());
    }
}
