using ConversationalCommerce.Data;
using ConversationalCommerce.Shopify.Tokens;
using ConversationalCommerce.Testing;
using ConversationalCommerce.Testing.Shopify;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Server;

namespace ConversationalCommerce.Shopify.Tests.Support;

/// <summary>
/// The real app on a private SQLite file, with WireMock playing Shopify (OAuth token endpoint, Admin GraphQL, bulk
/// result downloads) on a loopback port. Optionally a fake clock for time-dependent behaviour.
/// </summary>
public sealed class ShopifyTestApp : AppFactory
{
    public const string ApiKey = "4f9c1b2a7d3e8f60a1b2c3d4e5f6a7b8";
    public const string ApiSecret = "shpss_0123456789abcdef0123456789abcdef";
    public const string ApiVersion = "2025-10";
    public const string GraphQLPath = "/admin/api/2025-10/graphql.json";
    public const string TokenPath = "/admin/oauth/access_token";

    private readonly TimeProvider? _time;

    public WireMockServer Shopify { get; } = WireMockServer.Start();

    /// <summary>An App Bridge session token for this app; overrides let a test forge a wrong audience, secret or time.</summary>
    public static string SessionToken(string shop, DateTimeOffset now, string? audience = null, string? secret = null,
        TimeSpan? expiresIn = null, TimeSpan? notBeforeOffset = null, string? issuer = null, string? dest = null) =>
        SessionTokens.Create(shop, audience ?? ApiKey, secret ?? ApiSecret, now, expiresIn, notBeforeOffset, issuer, dest);

    public ShopifyTestApp(TimeProvider? time = null, bool startSyncAfterInstall = false)
    {
        _time = time;
        WithSetting("Shopify:ApiKey", ApiKey);
        WithSetting("Shopify:ApiSecret", ApiSecret);
        WithSetting("Shopify:ApiVersion", ApiVersion);
        WithSetting("Shopify:AppUrl", "https://app.example.test");
        WithSetting("Shopify:ShopOriginOverride", Shopify.Url);
        WithSetting("Shopify:Admin:RetryBaseDelay", "00:00:00.050");
        WithSetting("Shopify:Admin:MaxRetryDelay", "00:00:05");
        WithSetting("Shopify:Sync:BulkPollInterval", "00:00:00.100");
        WithSetting("Shopify:Sync:StartAfterInstall", startSyncAfterInstall ? "true" : "false");
        WithSetting("Search:WarmOnStartup", "false");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (_time is not null)
            builder.ConfigureTestServices(s => s.AddSingleton(_time));
    }

    /// <summary>Installs a shop as the token exchange would, returning its id.</summary>
    public async Task<Guid> InstallShopAsync(string domain, string accessToken = "shpat_initial", long? expiresIn = null,
        string? refreshToken = null, long? refreshExpiresIn = null)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShopInstaller>().InstallAsync(domain, new ShopifyTokenResponse
        {
            AccessToken = accessToken,
            ExpiresIn = expiresIn,
            RefreshToken = refreshToken,
            RefreshTokenExpiresIn = refreshExpiresIn,
            Scope = "read_products,read_customers,read_orders",
        }, CancellationToken.None);
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work, Guid? shopId = null)
    {
        await using var scope = Services.CreateAsyncScope();
        if (shopId is { } id) scope.ServiceProvider.GetRequiredService<ConversationalCommerce.Data.Scoping.ShopScope>().Set(id);
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Shopify.Stop();
    }
}
