using System.Net;
using Microsoft.AspNetCore.SignalR.Client;

namespace ConversationalCommerce.Channels.Tests.Widget;

/// <summary>Visitor tokens live two seconds here, so expiry can be observed for real.</summary>
public sealed class ShortLivedTokenApp() : WidgetApp(seedDemo: false, ("Widget:VisitorTokenLifetime", "00:00:02"));

public sealed class VisitorTokenRefusalTests(ShortLivedTokenApp app) : IClassFixture<ShortLivedTokenApp>
{
    [Fact]
    public async Task Hub_refuses_a_connection_without_a_token()
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => app.ConnectAsync(""));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Hub_accepts_the_token_as_the_access_token_query_value_browsers_send()
    {
        var (_, key) = await app.CreateShopAsync();
        var session = await app.SessionAsync(key);
        var url = new Uri(app.HubUrl + "?access_token=" + Uri.EscapeDataString(session.VisitorToken));
        await using var connection = new HubConnectionBuilder().WithUrl(url).Build();

        await connection.StartAsync();

        Assert.Empty(await connection.InvokeAsync<List<WireMessage>>("History", new { afterSeq = 0 }));
    }

    [Fact]
    public async Task Hub_refuses_a_forged_visitor_token()
    {
        var (_, key) = await app.CreateShopAsync();
        var session = await app.SessionAsync(key);
        var forged = session.VisitorToken[..^4] + (session.VisitorToken.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => app.ConnectAsync(forged));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Hub_refuses_an_expired_visitor_token_and_the_session_endpoint_starts_a_new_visitor()
    {
        var (_, key) = await app.CreateShopAsync();
        var session = await app.SessionAsync(key);
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => app.ConnectAsync(session.VisitorToken));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        var renewed = await app.SessionAsync(key, session.VisitorToken);
        Assert.NotEqual(session.VisitorId, renewed.VisitorId);
    }
}
