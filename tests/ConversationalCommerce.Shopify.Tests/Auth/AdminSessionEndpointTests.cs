using System.Net;
using System.Net.Http.Headers;
using ConversationalCommerce.Shopify.Tests.Support;

namespace ConversationalCommerce.Shopify.Tests.Auth;

public sealed class AdminSessionEndpointTests
{
    private const string Shop = "tea-house.myshopify.com";

    [Fact]
    public async Task Admin_api_without_a_session_token_answers_401_with_the_retry_header()
    {
        using var app = new ShopifyTestApp();
        var response = await app.CreateClient().GetAsync("/api/admin/sync/status");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("1", Assert.Single(response.Headers.GetValues("X-Shopify-Retry-Invalid-Session-Request")));
    }

    [Fact]
    public async Task Admin_api_with_an_expired_session_token_answers_401_with_the_retry_header()
    {
        using var app = new ShopifyTestApp();
        await app.InstallShopAsync(Shop);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            ShopifyTestApp.SessionToken(Shop, DateTimeOffset.UtcNow - TimeSpan.FromMinutes(5)));

        var response = await client.GetAsync("/api/admin/sync/status");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("1", Assert.Single(response.Headers.GetValues("X-Shopify-Retry-Invalid-Session-Request")));
    }

    [Fact]
    public async Task Admin_api_with_a_valid_session_token_acts_for_that_installed_shop()
    {
        using var app = new ShopifyTestApp();
        await app.InstallShopAsync(Shop);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ShopifyTestApp.SessionToken(Shop, DateTimeOffset.UtcNow));

        var response = await client.GetAsync("/api/admin/sync/status");

        // Installed, never synced (auto-start is off in this test): no run yet, and no token exchange was needed.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(app.Shopify.LogEntries);
    }
}
