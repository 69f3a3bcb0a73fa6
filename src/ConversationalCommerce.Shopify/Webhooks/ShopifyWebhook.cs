using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Shopify.Webhooks.Payloads;

namespace ConversationalCommerce.Shopify.Webhooks;

/// <summary>One stored delivery, for the shop it belongs to, as the topic handlers see it.</summary>
public sealed record ShopifyWebhook(InboxMessage Message, Shop Shop)
{
    public string Topic => Message.Topic;

    /// <summary>When Shopify says it happened (X-Shopify-Triggered-At), else when we received it.</summary>
    public DateTimeOffset OccurredAt => Message.OccurredAt ?? Message.ReceivedAt;

    public T Read<T>() where T : class => ShopifyJson.Read<T>(Message.Body);
}

/// <summary>Applies the topics it names. Runs inside the shop's scope; must be idempotent and order-tolerant.</summary>
public interface IShopifyTopicHandler
{
    IReadOnlyCollection<string> Topics { get; }
    Task ApplyAsync(ShopifyWebhook webhook, CancellationToken cancellationToken);
}
