using System.Net;
using System.Text;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Shopify.Tests.Support;

namespace ConversationalCommerce.Shopify.Tests.Webhooks;

/// <summary>The ingest endpoint over real HTTP: signature first, then headers and JSON, then the inbox.</summary>
public sealed class WebhookIngestTests : IDisposable
{
    private const string Domain = "ingest-test.myshopify.com";
    private readonly WebhookApp _app = new();

    public void Dispose() => _app.Dispose();

    private static string AnyProduct() => WebhookPayloads.Product(632910392, "Stoneware Mug", DateTimeOffset.UtcNow,
        [new WebhookPayloads.Variant(808950810, 18.00m, 39072856, 5)]);

    [Fact]
    public async Task Forged_signature_is_refused_with_401_and_nothing_is_stored()
    {
        await _app.AddShopAsync(Domain);

        var wrongSecret = await _app.Webhooks.SendAsync("products/update", Domain, AnyProduct(), signWith: "not-the-app-secret");
        var tampered = await _app.Webhooks.SendAsync("products/update", Domain, AnyProduct(),
            alter: r => r.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(AnyProduct().Replace("18.00", "0.01"))));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.Response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.Response.StatusCode);
        Assert.Equal(0, await _app.InboxCountAsync());
    }

    [Theory]
    [InlineData("X-Shopify-Hmac-Sha256")]
    [InlineData("X-Shopify-Topic")]
    [InlineData("X-Shopify-Shop-Domain")]
    [InlineData("X-Shopify-Webhook-Id")]
    public async Task Missing_required_header_is_refused_with_400(string header)
    {
        await _app.AddShopAsync(Domain);

        var delivery = await _app.Webhooks.SendAsync("products/update", Domain, AnyProduct(), alter: r => r.Headers.Remove(header));

        Assert.Equal(HttpStatusCode.BadRequest, delivery.Response.StatusCode);
        Assert.Contains(header, await delivery.Response.Content.ReadAsStringAsync());
        Assert.Equal(0, await _app.InboxCountAsync());
    }

    [Theory]
    [InlineData("{\"id\": 632910392, \"title\": ")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"id\": 1} trailing")]
    public async Task Signed_but_malformed_json_is_refused_with_400(string body)
    {
        await _app.AddShopAsync(Domain);

        var delivery = await _app.Webhooks.SendAsync("products/update", Domain, body);

        Assert.Equal(HttpStatusCode.BadRequest, delivery.Response.StatusCode);
        Assert.Equal(0, await _app.InboxCountAsync());
    }

    [Fact]
    public async Task Redelivered_event_is_answered_200_and_stored_once()
    {
        await _app.AddShopAsync(Domain);
        var eventId = Guid.NewGuid().ToString();
        var body = AnyProduct();

        var first = await _app.Webhooks.SendAsync("products/update", Domain, body, eventId);
        var again = await _app.Webhooks.SendAsync("products/update", Domain, body, eventId);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _app.Webhooks.SendAsync("products/update", Domain, body, eventId)));

        Assert.All(concurrent.Append(first).Append(again), d => Assert.Equal(HttpStatusCode.OK, d.Response.StatusCode));
        var row = Assert.Single(await _app.InboxRowsAsync(first.DedupeKey));
        Assert.Equal(Domain, row.ShopDomain);
        Assert.Equal(first.WebhookId, System.Text.Json.JsonDocument.Parse(row.HeadersJson).RootElement.GetProperty("X-Shopify-Webhook-Id").GetString());
        Assert.DoesNotContain("Hmac", row.HeadersJson);
        Assert.Equal(InboxStatus.Done, (await _app.ProcessedAsync(first)).Status);
    }

    [Fact]
    public async Task Event_id_falls_back_to_the_webhook_id()
    {
        await _app.AddShopAsync(Domain);

        var delivery = await _app.Webhooks.SendAsync("products/update", Domain, AnyProduct(), alter: r => r.Headers.Remove("X-Shopify-Event-Id"));

        Assert.Equal(HttpStatusCode.OK, delivery.Response.StatusCode);
        Assert.Single(await _app.InboxRowsAsync($"products/update|{delivery.WebhookId}"));
    }

    [Fact]
    public async Task Webhook_for_a_shop_that_never_installed_is_accepted_then_ignored()
    {
        var delivery = await _app.Webhooks.SendAsync("products/update", "stranger.myshopify.com", AnyProduct());

        var row = await _app.ProcessedAsync(delivery);

        Assert.Equal(InboxStatus.Ignored, row.Status);
        Assert.Null(row.ShopId);
    }

    [Fact]
    public async Task Triggered_at_header_becomes_the_time_the_event_occurred()
    {
        var shop = await _app.AddShopAsync(Domain);
        var at = new DateTimeOffset(2026, 11, 30, 9, 15, 0, TimeSpan.Zero);

        var row = await _app.ProcessedAsync(await _app.Webhooks.SendAsync("products/update", Domain, AnyProduct(), triggeredAt: at));

        Assert.Equal(at, row.OccurredAt);
        Assert.Equal(shop.Id, row.ShopId);
    }
}
