using System.Security.Cryptography;
using System.Text;
using ConversationalCommerce.Channels.WhatsApp.Settings;
using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Domain.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Channels.WhatsApp.Webhook;

public enum WebhookReceipt
{
    /// <summary>Stored (or a known duplicate, or for no shop of ours): answer 200 so Meta stops redelivering.</summary>
    Accepted,
    /// <summary>The signature does not match: 401.</summary>
    Forged,
    /// <summary>Signed, but not a notification we can read: 400.</summary>
    Malformed,
}

/// <summary>
/// The webhook's work before it answers: signature over the raw body first, then parse, route each event to its
/// shop by phone number id, and write one inbox row per message or status. Processing happens later, from the inbox.
/// </summary>
public sealed class WhatsAppWebhookReceiver(
    InboxWriter inbox,
    WhatsAppSettingsStore settings,
    IOptions<WhatsAppOptions> options,
    ILogger<WhatsAppWebhookReceiver> log)
{
    public const string Source = "whatsapp";

    /// <summary>The subscription handshake: echo the challenge only for our verify token.</summary>
    public bool VerifiesSubscription(string? mode, string? verifyToken)
    {
        var expected = options.Value.VerifyToken;
        if (mode != "subscribe" || string.IsNullOrEmpty(expected) || verifyToken is null) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(verifyToken), Encoding.UTF8.GetBytes(expected));
    }

    public async Task<WebhookReceipt> ReceiveAsync(ReadOnlyMemory<byte> body, string? signature, CancellationToken cancellationToken)
    {
        if (!WebhookSignature.IsValid(body.Span, signature, options.Value.AppSecret))
        {
            log.LogWarning("WhatsApp webhook refused: signature missing or wrong");
            return WebhookReceipt.Forged;
        }

        IReadOnlyList<WebhookEvent> events;
        try
        {
            events = WebhookEvents.Parse(body.Span);
        }
        catch (MalformedWebhookException ex)
        {
            log.LogWarning("WhatsApp webhook malformed: {Reason}", ex.Message);
            return WebhookReceipt.Malformed;
        }

        foreach (var e in events)
        {
            var shop = await settings.FindShopAsync(e.PhoneNumberId, cancellationToken);
            if (shop is null)
            {
                log.LogWarning("WhatsApp {Topic} for phone number id {PhoneNumberId} ignored: no installed shop uses it", e.Topic, e.PhoneNumberId);
                continue;
            }
            var result = await inbox.TryAddAsync(new InboxMessage
            {
                Source = Source,
                Topic = e.Topic,
                DedupeKey = e.DedupeKey,
                ShopId = shop.Value.ShopId,
                ShopDomain = shop.Value.Domain,
                OccurredAt = e.OccurredAt,
                Body = e.Body,
            }, cancellationToken);
            if (result == InboxAddResult.Duplicate)
                log.LogDebug("WhatsApp {Topic} {DedupeKey} redelivered; ignored", e.Topic, e.DedupeKey);
        }
        return WebhookReceipt.Accepted;
    }
}
