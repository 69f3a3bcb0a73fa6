using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ConversationalCommerce.Testing;

namespace ConversationalCommerce.App.Tests.Hosting;

public sealed class HostingTests
{
    [Fact]
    public async Task Ready_is_healthy_once_migrations_are_applied()
    {
        using var app = new AppFactory();
        var client = app.CreateClient();
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Ready_is_unhealthy_while_migrations_are_pending()
    {
        // Migrations off on a fresh database: the app is live but honestly not ready.
        using var app = new AppFactory().WithSetting("Database:MigrateOnStartup", "false");
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }

    [Fact]
    public async Task Ready_is_healthy_on_postgresql_too()
    {
        await using var pg = await PostgresServer.CreateDatabaseAsync();
        using var app = new AppFactory().UsePostgres(pg.ConnectionString).WithSetting("Hangfire:Storage", "InMemory");
        var ready = await app.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_apps_own_http_api()
    {
        using var app = new AppFactory();
        var json = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"openapi\"", json);
        Assert.Contains("/api/shops/{shop}/products", json);
    }

    [Fact]
    public async Task Correlation_id_is_echoed_or_created()
    {
        using var app = new AppFactory();
        var client = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("X-Correlation-Id", "abc-123");
        var echoed = await client.SendAsync(request);
        Assert.Equal("abc-123", echoed.Headers.GetValues("X-Correlation-Id").Single());
        var created = await client.GetAsync("/health/live");
        Assert.False(string.IsNullOrWhiteSpace(created.Headers.GetValues("X-Correlation-Id").Single()));
    }

    [Fact]
    public async Task Jobs_dashboard_needs_operator_credentials()
    {
        using var app = new AppFactory()
            .WithSetting("Hangfire:DashboardUser", "ops")
            .WithSetting("Hangfire:DashboardPassword", "s3cret-from-env");
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/hangfire")).StatusCode);

        var wrong = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:nope")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);

        var right = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        right.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:s3cret-from-env")));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(right)).StatusCode);
    }

    [Fact]
    public async Task Jobs_dashboard_is_closed_without_credentials_outside_development()
    {
        using var app = new AppFactory();
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/hangfire")).StatusCode);
    }
}
