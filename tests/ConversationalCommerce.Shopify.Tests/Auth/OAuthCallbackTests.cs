using System.Globalization;
using System.Net;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Shopify.Auth;
using ConversationalCommerce.Shopify.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ConversationalCommerce.Shopify.Tests.Auth;

public sealed class OAuthCallbackTests
{
    private const string Shop = "tea-house.myshopify.com";

    private static HttpClient NoRedirects(ShopifyTestApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static async Task<string> BeginInstallAsync(HttpClient client)
    {
        var response = await client.GetAsync($"/auth/install?shop={Shop}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal($"https://{Shop}/admin/oauth/authorize", location.GetLeftPart(UriPartial.Path));
        var q = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.Equal(ShopifyTestApp.ApiKey, q["client_id"]);
        Assert.Equal("read_products,read_inventory,read_customers,read_orders", q["scope"]);
        Assert.Equal("https://app.example.test/auth/callback", q["redirect_uri"]);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(OAuthInstallApi.StateCookie + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(q["state"], cookie.Split(';')[0].Split('=')[1]);
        return q["state"]!;
    }

    private static string SignedCallback(string shop, string state, DateTimeOffset timestamp, string secret = ShopifyTestApp.ApiSecret)
    {
        var parameters = new Dictionary<string, string>
        {
            ["code"] = "0907a61c0c8d55e99db179b68161bc00",
            ["host"] = "YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUvdGVhLWhvdXNl",
            ["shop"] = shop,
            ["state"] = state,
            ["timestamp"] = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        var hmac = Convert.ToHexStringLower(QueryHmac.Compute(parameters, secret));
        return "/auth/callback?" + string.Join('&', parameters.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")) + "&hmac=" + hmac;
    }

    private static HttpRequestMessage WithState(string url, string state)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", $"{OAuthInstallApi.StateCookie}={state}");
        return request;
    }

    [Fact]
    public async Task Valid_callback_exchanges_the_code_for_an_expiring_token_and_installs_the_shop()
    {
        using var app = new ShopifyTestApp();
        app.Shopify.Given(Request.Create().WithPath(ShopifyTestApp.TokenPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(ShopifyPayloads.Token("shpat_from_code", 3599, "shprt_from_code", 7775999)));
        var client = NoRedirects(app);
        var state = await BeginInstallAsync(client);

        var response = await client.SendAsync(WithState(SignedCallback(Shop, state, DateTimeOffset.UtcNow), state));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"https://{Shop}/admin/apps/{ShopifyTestApp.ApiKey}", response.Headers.Location!.ToString());
        var form = System.Web.HttpUtility.ParseQueryString(Assert.Single(app.Shopify.LogEntries).RequestMessage.Body!);
        Assert.Equal("0907a61c0c8d55e99db179b68161bc00", form["code"]);
        Assert.Equal("1", form["expiring"]);
        Assert.Equal(ShopifyTestApp.ApiKey, form["client_id"]);
        Assert.Equal(ShopifyTestApp.ApiSecret, form["client_secret"]);
        var shop = await app.WithDbAsync(db => db.Shops.SingleAsync(s => s.Domain == Shop));
        Assert.Equal(ShopInstallState.Installed, shop.InstallState);
        Assert.NotNull(shop.EncryptedRefreshToken);
    }

    [Fact]
    public async Task Callback_with_a_forged_hmac_is_refused()
    {
        using var app = new ShopifyTestApp();
        var client = NoRedirects(app);
        var state = await BeginInstallAsync(client);

        var forged = SignedCallback(Shop, state, DateTimeOffset.UtcNow, secret: "shpss_not_our_secret_at_all_000000");
        var response = await client.SendAsync(WithState(forged, state));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(app.Shopify.LogEntries);
    }

    [Fact]
    public async Task Callback_with_a_tampered_parameter_is_refused()
    {
        using var app = new ShopifyTestApp();
        var client = NoRedirects(app);
        var state = await BeginInstallAsync(client);

        var tampered = SignedCallback(Shop, state, DateTimeOffset.UtcNow).Replace("code=0907a61c", "code=1907a61c", StringComparison.Ordinal);
        var response = await client.SendAsync(WithState(tampered, state));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(app.Shopify.LogEntries);
    }

    [Fact]
    public async Task Callback_whose_state_is_not_our_nonce_is_refused()
    {
        using var app = new ShopifyTestApp();
        var client = NoRedirects(app);
        var state = await BeginInstallAsync(client);

        var response = await client.SendAsync(WithState(SignedCallback(Shop, "attacker-chosen-state", DateTimeOffset.UtcNow), state));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        // No cookie at all (a callback the browser never started here).
        response = await client.GetAsync(SignedCallback(Shop, state, DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(app.Shopify.LogEntries);
    }

    [Fact]
    public async Task Callback_with_a_stale_timestamp_is_refused()
    {
        using var app = new ShopifyTestApp();
        var client = NoRedirects(app);
        var state = await BeginInstallAsync(client);

        var response = await client.SendAsync(WithState(SignedCallback(Shop, state, DateTimeOffset.UtcNow - TimeSpan.FromHours(1)), state));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("evil.example.com")]
    [InlineData("tea-house.myshopify.com.evil.com")]
    [InlineData("-tea.myshopify.com")]
    public async Task Callback_or_install_for_a_non_myshopify_domain_is_a_bad_request(string shop)
    {
        using var app = new ShopifyTestApp();
        var client = NoRedirects(app);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/auth/install?shop={Uri.EscapeDataString(shop)}")).StatusCode);
        var response = await client.SendAsync(WithState(SignedCallback(shop, "abc", DateTimeOffset.UtcNow), "abc"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(app.Shopify.LogEntries);
    }
}
