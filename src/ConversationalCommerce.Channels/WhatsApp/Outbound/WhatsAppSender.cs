using ConversationalCommerce.Channels.Delivery;
using ConversationalCommerce.Channels.WhatsApp.Settings;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Channels.WhatsApp.Outbound;

/// <summary>
/// Sends one outbox row on WhatsApp. Inside the 24-hour customer-service window (the customer wrote to us on
/// WhatsApp less than 24 h ago) any message may go; outside it only the merchant's approved template for the
/// row's purpose, and without one the send fails permanently with the reason.
/// </summary>
public sealed class WhatsAppSender(
    AppDbContext db,
    WhatsAppSettingsStore settingsStore,
    GraphApiClient graph,
    IOptions<WhatsAppOptions> options,
    TimeProvider time) : IChannelSender
{
    public Channel Channel => Channel.WhatsApp;

    public async Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = await settingsStore.GetAsync(message.ShopId, cancellationToken);
        if (settings is null || string.IsNullOrEmpty(settings.AccessToken))
            return SendResult.Fail("WhatsApp is not set up for this shop (phone number id and access token).");
        var payload = OutboxPayload.FromJson(message.PayloadJson);

        System.Text.Json.Nodes.JsonObject body;
        if (await InsideWindowAsync(message, cancellationToken))
        {
            var domain = await db.Shops.AsNoTracking().Where(s => s.Id == message.ShopId).Select(s => s.Domain).FirstAsync(cancellationToken);
            body = WhatsAppMessageBuilder.Session(message.Recipient, payload.Reply, new Uri($"https://{domain}/"));
        }
        else
        {
            if (!settings.Templates.TryGetValue(payload.Purpose, out var template))
                return SendResult.Fail(
                    $"Not sent: the customer last wrote on WhatsApp more than {options.Value.CustomerServiceWindow.TotalHours:0} hours ago, "
                    + $"and no approved template is configured for '{payload.Purpose}' messages.");
            body = WhatsAppMessageBuilder.Template(message.Recipient, template, payload.Reply.Text);
        }
        return await graph.SendMessageAsync(settings.PhoneNumberId, settings.AccessToken, body, cancellationToken);
    }

    private async Task<bool> InsideWindowAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - options.Value.CustomerServiceWindow;
        // The thread is the customer's one conversation across channels: its last WhatsApp message from them opens the window.
        return await db.Messages.AsNoTracking().AnyAsync(m => m.ConversationId == message.ConversationId
            && m.Role == MessageRole.Shopper && m.Channel == Channel.WhatsApp && m.CreatedAt > since, cancellationToken);
    }
}
