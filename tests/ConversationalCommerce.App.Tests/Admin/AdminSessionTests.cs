using System.Net;
using System.Net.Http.Json;
using ConversationalCommerce.App.Features.Admin;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Shopify.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace ConversationalCommerce.App.Tests.Admin;

public sealed class AdminSessionTests
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/api/admin/overview" },
        { "GET", "/api/admin/conversations" },
        { "GET", $"/api/admin/conversations/{Guid.NewGuid()}" },
        { "POST", $"/api/admin/conversations/{Guid.NewGuid()}/messages" },
        { "POST", $"/api/admin/conversations/{Guid.NewGuid()}/status" },
        { "GET", "/api/admin/analytics" },
        { "GET", "/api/admin/settings" },
        { "PUT", "/api/admin/settings" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Admin_endpoint_without_a_session_token_answers_401_with_the_retry_header(string method, string path)
    {
        using var app = new AdminTestApp();
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET") request.Content = JsonContent.Create(new { text = "hi", status = "Closed" });

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("1", Assert.Single(response.Headers.GetValues("X-Shopify-Retry-Invalid-Session-Request")));
    }

    [Fact]
    public async Task Session_token_signed_with_another_secret_is_refused()
    {
        using var app = new AdminTestApp();
        var response = await app.AdminClient(Shop.DemoDomain, secret: "shpss_not_our_secret_0000000000000000").GetAsync("/api/admin/overview");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("1", Assert.Single(response.Headers.GetValues("X-Shopify-Retry-Invalid-Session-Request")));
    }

    [Fact]
    public async Task Valid_session_token_of_an_installed_shop_reads_that_shops_overview()
    {
        using var app = new AdminTestApp();
        await app.InstallAsync(Shop.DemoDomain);

        var overview = await app.AdminClient(Shop.DemoDomain).GetFromJsonAsync<AdminOverviewView>("/api/admin/overview");

        Assert.Equal(Shop.DemoDomain, overview!.ShopDomain);
        Assert.Equal(350, overview.Catalog.Products);
    }

    [Fact]
    public async Task Local_demo_admin_is_allowed_on_loopback_in_development_for_the_demo_shop()
    {
        using var app = new AdminTestApp(environment: "Development", realSocket: true);
        var client = app.RealSocketClient();

        var overview = await client.GetFromJsonAsync<AdminOverviewView>("/api/admin/overview");

        Assert.Equal(Shop.DemoDomain, overview!.ShopDomain);
        Assert.True(overview.IsDemo);
    }

    [Fact]
    public async Task Local_demo_admin_is_refused_outside_development_even_on_loopback()
    {
        using var app = new AdminTestApp(environment: "Production", realSocket: true);

        var response = await app.RealSocketClient().GetAsync("/api/admin/overview");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("1", Assert.Single(response.Headers.GetValues("X-Shopify-Retry-Invalid-Session-Request")));
    }

    [Fact]
    public async Task Local_demo_admin_is_refused_for_any_shop_but_the_demo_shop()
    {
        using var app = new AdminTestApp(environment: "Development", realSocket: true);
        await app.InstallAsync("tea-house.myshopify.com");

        var response = await app.RealSocketClient().GetAsync("/api/admin/overview?shop=tea-house.myshopify.com");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Local_demo_admin_is_refused_when_the_demo_store_is_not_there()
    {
        using var app = new AdminTestApp(seedDemo: false, environment: "Development", realSocket: true);

        var response = await app.RealSocketClient().GetAsync("/api/admin/overview");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("Development", "127.0.0.1", null, true)]
    [InlineData("Development", "::1", "demo-store.myshopify.com", true)]
    [InlineData("Development", "10.0.0.8", null, false)]
    [InlineData("Development", "192.168.1.20", null, false)]
    [InlineData("Development", null, null, false)]
    [InlineData("Production", "127.0.0.1", null, false)]
    [InlineData("Staging", "127.0.0.1", null, false)]
    [InlineData("Development", "127.0.0.1", "tea-house.myshopify.com", false)]
    public void Local_demo_admin_rule_needs_development_loopback_and_the_demo_shop(string environment, string? remoteIp, string? shop, bool allowed)
    {
        var http = new DefaultHttpContext();
        if (remoteIp is not null) http.Connection.RemoteIpAddress = IPAddress.Parse(remoteIp);
        if (shop is not null) http.Request.QueryString = new QueryString($"?shop={shop}");

        Assert.Equal(allowed, LocalDemoAdmin.Allows(http, new Environment(environment)));
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "test";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
