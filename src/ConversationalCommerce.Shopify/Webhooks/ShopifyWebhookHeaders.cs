namespace ConversationalCommerce.Shopify.Webhooks;

/// <summary>The headers Shopify sends with every webhook delivery.</summary>
public static class ShopifyWebhookHeaders
{
    public const string Hmac = "X-Shopify-Hmac-Sha256";
    public const string Topic = "X-Shopify-Topic";
    public const string ShopDomain = "X-Shopify-Shop-Domain";
    public const string WebhookId = "X-Shopify-Webhook-Id";
    public const string EventId = "X-Shopify-Event-Id";
    public const string TriggeredAt = "X-Shopify-Triggered-At";
    public const string ApiVersion = "X-Shopify-API-Version";

    /// <summary>Kept with the inbox row (the signature is not: it proves nothing once stored).</summary>
    public static readonly string[] Stored = [Topic, ShopDomain, WebhookId, EventId, TriggeredAt, ApiVersion];
}
