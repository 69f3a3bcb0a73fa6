using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace ConversationalCommerce.Shopify.Tests.Support;

/// <summary>Sends a webhook as Shopify does: raw JSON, X-Shopify-* headers, base64 HMAC-SHA256 of the body with the app secret.</summary>
public sealed class ShopifyWebhookSender(HttpClient http, string secret)
{
    public const string Path = "/webhooks/shopify";

    public sealed record Delivery(string Topic, string EventId, string WebhookId, HttpResponseMessage Response)
    {
        public string DedupeKey => $"{Topic}|{EventId}";
    }

    public async Task<Delivery> SendAsync(string topic, string shopDomain, string body, string? eventId = null,
        DateTimeOffset? triggeredAt = null, Action<HttpRequestMessage>? alter = null, string? signWith = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var webhookId = Guid.NewGuid().ToString();
        eventId ??= Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Shopify-Topic", topic);
        request.Headers.Add("X-Shopify-Hmac-Sha256", Sign(bytes, signWith ?? secret));
        request.Headers.Add("X-Shopify-Shop-Domain", shopDomain);
        request.Headers.Add("X-Shopify-API-Version", "2025-10");
        request.Headers.Add("X-Shopify-Webhook-Id", webhookId);
        request.Headers.Add("X-Shopify-Event-Id", eventId);
        request.Headers.Add("X-Shopify-Triggered-At", (triggeredAt ?? DateTimeOffset.UtcNow).ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
        alter?.Invoke(request);
        var response = await http.SendAsync(request);
        return new Delivery(topic, eventId, webhookId, response);
    }

    public static string Sign(byte[] body, string secret) =>
        Convert.ToBase64String(new HMACSHA256(Encoding.UTF8.GetBytes(secret)).ComputeHash(body));
}
