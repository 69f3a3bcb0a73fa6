using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Shopify.Auth;
using ConversationalCommerce.Shopify.Tests.Support;
using ConversationalCommerce.Shopify.Tokens;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ConversationalCommerce.Shopify.Tests.Tokens;

public sealed class TokenExchangeTests
{
    private const string Shop = "tea-house.myshopify.com";

    private static void StubExchange(ShopifyTestApp app, string accessToken, string refreshToken) =>
        app.Shopify.Given(Request.Create().WithPath(ShopifyTestApp.TokenPath).UsingPost()
                .WithBody(b => b != null && b.Contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange")))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(ShopifyPayloads.Token(accessToken, 3599, refreshToken, 7775999)));

    private static HttpClient AdminClient(ShopifyTestApp app, out string sessionToken)
    {
        var client = app.CreateClient();
        sessionToken = ShopifyTestApp.SessionToken(Shop, DateTimeOffset.UtcNow);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", sessionToken);
        return client;
    }

    [Fact]
    public async Task First_admin_request_exchanges_the_session_token_for_an_expiring_offline_token()
    {
        using var app = new ShopifyTestApp();
        StubExchange(app, "shpat_exchanged_1", "shprt_refresh_1");
        var client = AdminClient(app, out var sessionToken);

        var response = await client.GetAsync("/api/admin/sync/status");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode); // installed, no sync yet
        var request = Assert.Single(app.Shopify.LogEntries).RequestMessage;
        var form = System.Web.HttpUtility.ParseQueryString(request.Body!);
        Assert.Equal(ShopifyTestApp.ApiKey, form["client_id"]);
        Assert.Equal(ShopifyTestApp.ApiSecret, form["client_secret"]);
        Assert.Equal("urn:ietf:params:oauth:grant-type:token-exchange", form["grant_type"]);
        Assert.Equal(sessionToken, form["subject_token"]);
        Assert.Equal("urn:ietf:params:oauth:token-type:id_token", form["subject_token_type"]);
        Assert.Equal("urn:shopify:params:oauth:token-type:offline-access-token", form["requested_token_type"]);
        Assert.Equal("1", form["expiring"]);

        var shop = await app.WithDbAsync(db => db.Shops.SingleAsync(s => s.Domain == Shop));
        Assert.Equal(ShopInstallState.Installed, shop.InstallState);
        Assert.NotNull(shop.AccessTokenExpiresAt);
        Assert.InRange(shop.AccessTokenExpiresAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
        var access = await app.Services.GetRequiredService<IShopAccessTokenProvider>().GetAsync(shop.Id, CancellationToken.None);
        Assert.Equal("shpat_exchanged_1", access.AccessToken);
    }

    [Fact]
    public async Task Tokens_are_stored_encrypted()
    {
        using var app = new ShopifyTestApp();
        StubExchange(app, "shpat_plaintext_marker", "shprt_plaintext_marker");
        var client = AdminClient(app, out _);
        await client.GetAsync("/api/admin/sync/status");

        // Read the raw columns, beneath EF.
        await using var connection = new SqliteConnection(app.Data.SqliteConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT EncryptedAccessToken, EncryptedRefreshToken FROM Shops WHERE Domain = $d";
        command.Parameters.AddWithValue("$d", Shop);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var access = reader.GetString(0);
        var refresh = reader.GetString(1);
        Assert.DoesNotContain("plaintext_marker", access);
        Assert.DoesNotContain("plaintext_marker", refresh);
        Assert.DoesNotContain("plaintext_marker", Encoding.UTF8.GetString(Convert.FromBase64String(PadBase64Url(access))));
    }

    [Fact]
    public async Task Refused_exchange_answers_401_with_the_retry_header_and_installs_nothing()
    {
        using var app = new ShopifyTestApp();
        app.Shopify.Given(Request.Create().WithPath(ShopifyTestApp.TokenPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":"invalid_subject_token","error_description":"The subject token is invalid."}"""));
        var client = AdminClient(app, out _);

        var response = await client.GetAsync("/api/admin/sync/status");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("1", Assert.Single(response.Headers.GetValues("X-Shopify-Retry-Invalid-Session-Request")));
        Assert.False(await app.WithDbAsync(db => db.Shops.AnyAsync(s => s.Domain == Shop)));
    }

    [Fact]
    public async Task Reinstall_after_uninstall_reuses_the_shop_with_new_tokens()
    {
        using var app = new ShopifyTestApp();
        StubExchange(app, "shpat_second_install", "shprt_second");
        var shopId = await app.InstallShopAsync(Shop, "shpat_first_install");
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ShopLifecycle>().UninstallAsync(shopId);
        var uninstalled = await app.WithDbAsync(db => db.Shops.AsNoTracking().SingleAsync(s => s.Id == shopId));
        Assert.Equal(ShopInstallState.Uninstalled, uninstalled.InstallState);
        Assert.Null(uninstalled.EncryptedAccessToken);
        await Assert.ThrowsAsync<ShopNotConnectedException>(() =>
            app.Services.GetRequiredService<IShopAccessTokenProvider>().GetAsync(shopId, CancellationToken.None));

        var response = await AdminClient(app, out _).GetAsync("/api/admin/sync/status");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var shop = await app.WithDbAsync(db => db.Shops.AsNoTracking().SingleAsync(s => s.Domain == Shop));
        Assert.Equal(shopId, shop.Id);
        Assert.Equal(ShopInstallState.Installed, shop.InstallState);
        Assert.Null(shop.UninstalledAt);
        var access = await app.Services.GetRequiredService<IShopAccessTokenProvider>().GetAsync(shopId, CancellationToken.None);
        Assert.Equal("shpat_second_install", access.AccessToken);
    }

    private static string PadBase64Url(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - s.Length % 4) % 4);
    }
}
