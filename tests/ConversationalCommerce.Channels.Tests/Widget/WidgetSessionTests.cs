using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using ConversationalCommerce.Channels.Widget.Session;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Channels.Tests.Widget;

/// <summary>An app with a Shopify secret (app-proxy and logged-in customer signatures) and no demo catalog.</summary>
public sealed class SignedWidgetApp() : WidgetApp(seedDemo: false, ("Shopify:ApiSecret", SignedWidgetApp.Secret), ("Shopify:ApiKey", "widget-test-client-id"))
{
    public const string Secret = "hush-app-secret";

    /// <summary>Shopify's rule, written out independently of the app: sorted k=v pairs, no separators, hex HMAC-SHA256.</summary>
    public static string Sign(IEnumerable<(string Key, string Value)> pairs) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret),
            Encoding.UTF8.GetBytes(string.Concat(pairs.Select(p => $"{p.Key}={p.Value}").Order(StringComparer.Ordinal)))));
}

public sealed class WidgetSessionTests(SignedWidgetApp app) : IClassFixture<SignedWidgetApp>
{
    [Fact]
    public async Task New_shop_gets_a_widget_key_that_opens_a_session_with_the_shop_settings()
    {
        var (_, key) = await app.CreateShopAsync("+44 20 7946 0000");
        Assert.StartsWith("wk_", key);

        var session = await app.SessionAsync(key);

        Assert.NotEqual(Guid.Empty, session.VisitorId);
        Assert.NotEqual(Guid.Empty, session.ConversationId);
        Assert.False(string.IsNullOrEmpty(session.VisitorToken));
        Assert.Equal("Other Shop", session.Shop.Name);
        Assert.Equal("USD", session.Shop.Currency);
        Assert.Equal("+44 20 7946 0000", session.Shop.WhatsAppNumber);
        Assert.False(string.IsNullOrEmpty(session.Shop.Greeting));
    }

    [Fact]
    public async Task Unknown_widget_key_is_not_found_and_missing_key_is_a_bad_request()
    {
        var unknown = await app.Http.PostAsJsonAsync("/api/widget/session", new { widgetKey = "wk_does_not_exist" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var missing = await app.Http.PostAsJsonAsync("/api/widget/session", new { locale = "en" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task Returning_visitor_with_its_token_keeps_visitor_and_conversation()
    {
        var (_, key) = await app.CreateShopAsync();
        var first = await app.SessionAsync(key);
        var again = await app.SessionAsync(key, first.VisitorToken);
        Assert.Equal(first.VisitorId, again.VisitorId);
        Assert.Equal(first.ConversationId, again.ConversationId);
    }

    [Fact]
    public async Task Visitor_id_without_a_valid_token_is_not_trusted()
    {
        var (_, key) = await app.CreateShopAsync();
        var victim = await app.SessionAsync(key);

        var claimed = await app.Http.PostAsJsonAsync("/api/widget/session",
            new { widgetKey = key, visitorId = victim.VisitorId, visitorToken = "forged" + victim.VisitorToken[6..] });
        var session = (await claimed.Content.ReadFromJsonAsync<Session>())!;

        Assert.NotEqual(victim.VisitorId, session.VisitorId);
        Assert.NotEqual(victim.ConversationId, session.ConversationId);
    }

    [Fact]
    public async Task Token_of_shop_A_is_refused_for_shop_B()
    {
        var (_, keyA) = await app.CreateShopAsync();
        var (_, keyB) = await app.CreateShopAsync();
        var a = await app.SessionAsync(keyA);

        var b = await app.SessionAsync(keyB, a.VisitorToken);

        Assert.NotEqual(a.VisitorId, b.VisitorId);
        Assert.NotEqual(a.ConversationId, b.ConversationId);
    }

    [Fact]
    public async Task Logged_in_customer_with_a_valid_signature_carries_the_anonymous_thread_to_the_customer()
    {
        var (shopId, key) = await app.CreateShopAsync();
        var domain = await DomainOf(shopId);
        var anonymous = await app.SessionAsync(key);
        var signature = SignedWidgetApp.Sign([("logged_in_customer_id", "7208811"), ("shop", domain)]);

        var response = await app.Http.PostAsJsonAsync("/api/widget/session", new
        {
            widgetKey = key, visitorId = anonymous.VisitorId, visitorToken = anonymous.VisitorToken,
            loggedInCustomer = new { id = "7208811", signature }, locale = "en",
        });
        response.EnsureSuccessStatusCode();
        var session = (await response.Content.ReadFromJsonAsync<Session>())!;

        Assert.Equal(anonymous.ConversationId, session.ConversationId);
        // The thread is written with the first message, for the customer the visitor logged in as.
        await using (var tab = await app.ConnectAsync(session.VisitorToken))
            Assert.True((await tab.SendAsync("hello")).Accepted);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == session.ConversationId);
        var customer = await db.Customers.SingleAsync(c => c.Id == conversation.CustomerId);
        Assert.Equal(7208811, customer.ShopifyId);
    }

    [Fact]
    public async Task A_visitor_who_never_writes_leaves_no_customer_and_one_who_writes_from_two_tabs_leaves_one()
    {
        var (shopId, key) = await app.CreateShopAsync();
        var session = await app.SessionAsync(key);
        await using (var idle = await app.ConnectAsync(session.VisitorToken))
            Assert.Empty(await idle.HistoryAsync());
        Assert.Equal((0, 0), await CustomersAndVisitorIdentitiesAsync(shopId));

        var again = await app.SessionAsync(key, session.VisitorToken);
        Assert.Equal(session.ConversationId, again.ConversationId);
        await using var first = await app.ConnectAsync(session.VisitorToken);
        await using var second = await app.ConnectAsync(again.VisitorToken);
        var sends = await Task.WhenAll(first.SendAsync("hello"), second.SendAsync("do you have mugs?"));
        Assert.All(sends, ack => Assert.True(ack.Accepted));

        Assert.Equal((1, 1), await CustomersAndVisitorIdentitiesAsync(shopId));
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var conversation = await db.Conversations.SingleAsync();
        Assert.Equal(session.ConversationId, conversation.Id);
        var identity = await db.ChannelIdentities.SingleAsync(i => i.Kind == ChannelIdentityKind.WidgetVisitor);
        Assert.Equal((VisitorTokens.IdentityValue(session.VisitorId), conversation.CustomerId), (identity.Value, identity.CustomerId));
    }

    private async Task<(int Customers, int VisitorIdentities)> CustomersAndVisitorIdentitiesAsync(Guid shopId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.Customers.CountAsync(), await db.ChannelIdentities.CountAsync(i => i.Kind == ChannelIdentityKind.WidgetVisitor));
    }

    [Fact]
    public async Task Logged_in_customer_with_a_forged_signature_is_unauthorized()
    {
        var (shopId, key) = await app.CreateShopAsync();
        var domain = await DomainOf(shopId);
        var signedForOther = SignedWidgetApp.Sign([("logged_in_customer_id", "1111"), ("shop", domain)]);

        var response = await app.Http.PostAsJsonAsync("/api/widget/session",
            new { widgetKey = key, loggedInCustomer = new { id = "2222", signature = signedForOther } });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task App_proxy_session_verifies_shopify_signature_and_links_the_logged_in_customer()
    {
        var (shopId, _) = await app.CreateShopAsync();
        var domain = await DomainOf(shopId);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        (string, string)[] query = [("shop", domain), ("logged_in_customer_id", "990011"), ("path_prefix", "/apps/chat"), ("timestamp", timestamp)];
        var url = "/apps/chat/session?" + string.Join('&', query.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"))
                  + "&signature=" + SignedWidgetApp.Sign(query);

        var response = await app.Http.PostAsJsonAsync(url, new { locale = "en" });
        response.EnsureSuccessStatusCode();
        var session = (await response.Content.ReadFromJsonAsync<Session>())!;

        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // No thread yet (it is written with the first message); the visitor is the logged-in customer already.
        Assert.False(await db.Conversations.AnyAsync(c => c.Id == session.ConversationId));
        var visitor = await db.ChannelIdentities.SingleAsync(i => i.Kind == ChannelIdentityKind.WidgetVisitor && i.Value == VisitorTokens.IdentityValue(session.VisitorId));
        Assert.Equal(990011, (await db.Customers.SingleAsync(c => c.Id == visitor.CustomerId)).ShopifyId);

        var tampered = url.Replace("990011", "990012");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Http.PostAsJsonAsync(tampered, new { locale = "en" })).StatusCode);
    }

    [Fact]
    public async Task App_proxy_request_with_a_stale_timestamp_is_unauthorized()
    {
        var (shopId, _) = await app.CreateShopAsync();
        var domain = await DomainOf(shopId);
        var old = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        (string, string)[] query = [("shop", domain), ("logged_in_customer_id", ""), ("path_prefix", "/apps/chat"), ("timestamp", old)];
        var url = "/apps/chat/session?" + string.Join('&', query.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"))
                  + "&signature=" + SignedWidgetApp.Sign(query);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Http.PostAsJsonAsync(url, new { locale = "en" })).StatusCode);
    }

    private async Task<string> DomainOf(Guid shopId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Shops.Where(s => s.Id == shopId).Select(s => s.Domain).SingleAsync();
    }
}

public sealed class WidgetCorsTests(PlainWidgetAppForCors app) : IClassFixture<PlainWidgetAppForCors>
{
    [Fact]
    public async Task Storefront_origin_may_call_the_session_endpoint_and_negotiate_with_the_hub()
    {
        var (_, key) = await app.CreateShopAsync();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/hubs/chat/negotiate?negotiateVersion=1");
        preflight.Headers.Add("Origin", "https://some-shop.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-requested-with,x-signalr-user-agent");
        var answer = await app.Http.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var session = new HttpRequestMessage(HttpMethod.Post, "/api/widget/session") { Content = JsonContent.Create(new { widgetKey = key }) };
        session.Headers.Add("Origin", "https://some-shop.example");
        var response = await app.Http.SendAsync(session);
        response.EnsureSuccessStatusCode();
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Other_app_endpoints_get_no_cross_origin_grant()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("Origin", "https://some-shop.example");
        var response = await app.Http.SendAsync(request);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

public sealed class PlainWidgetAppForCors() : WidgetApp(seedDemo: false);
