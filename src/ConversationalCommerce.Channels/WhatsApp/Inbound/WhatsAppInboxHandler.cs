using ConversationalCommerce.Channels.WhatsApp.Webhook;
using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Domain.Messaging;

namespace ConversationalCommerce.Channels.WhatsApp.Inbound;

/// <summary>Applies the "whatsapp" inbox rows written by the webhook: inbound messages and status callbacks.</summary>
public sealed class WhatsAppInboxHandler(WhatsAppInboundHandler messages, WhatsAppStatusHandler statuses) : IInboxHandler
{
    public string Source => WhatsAppWebhookReceiver.Source;

    public Task HandleAsync(InboxMessage message, CancellationToken cancellationToken) => message.Topic switch
    {
        WebhookTopics.Message => messages.HandleAsync(message, cancellationToken),
        WebhookTopics.Status => statuses.HandleAsync(message, cancellationToken),
        _ => throw new InboxMessageIgnoredException($"Unknown WhatsApp topic '{message.Topic}'."),
    };
}
