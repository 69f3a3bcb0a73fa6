using System.Text.Json.Nodes;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Channels.WhatsApp.Inbound;

/// <summary>
/// Status callbacks (sent, delivered, read, failed) move our message's delivery state forward, found by the wamid
/// Meta returned for the send. Callbacks arrive out of order: a state never moves back, except to Failed.
/// </summary>
public sealed class WhatsAppStatusHandler(AppDbContext db, ILogger<WhatsAppStatusHandler> log)
{
    /// <summary>A callback can overtake the write of our own send result; give that a few retries before ignoring it.</summary>
    private const int AttemptsForUnknownMessage = 3;

    public async Task HandleAsync(InboxMessage row, CancellationToken cancellationToken)
    {
        var status = JsonNode.Parse(row.Body)?["status"]?.AsObject() ?? throw new FormatException("WhatsApp status row has no status.");
        var wamid = (string)status["id"]!;
        var state = (string?)status["status"];
        var next = state switch
        {
            "sent" => DeliveryStatus.Sent,
            "delivered" => DeliveryStatus.Delivered,
            "read" => DeliveryStatus.Read,
            "failed" => DeliveryStatus.Failed,
            _ => throw new InboxMessageIgnoredException($"Status '{state}' carries nothing for us."),
        };

        var send = await db.Outbox.AsNoTracking()
            .Where(o => o.Channel == Channel.WhatsApp && o.ProviderMessageId == wamid)
            .Select(o => new { o.MessageId })
            .FirstOrDefaultAsync(cancellationToken);
        if (send is null)
        {
            if (row.Attempts < AttemptsForUnknownMessage) throw new InvalidOperationException("No message of ours has this wamid (yet).");
            throw new InboxMessageIgnoredException("No message of ours has this wamid.");
        }
        var message = await db.Messages.FirstAsync(m => m.Id == send.MessageId, cancellationToken);
        if (next == DeliveryStatus.Failed)
        {
            var error = status["errors"] is JsonArray { Count: > 0 } errors ? errors[0] : null;
            message.DeliveryStatus = DeliveryStatus.Failed;
            message.DeliveryError = Truncate($"WhatsApp error {(long?)error?["code"]}: {(string?)error?["title"] ?? "failed"}"
                + ((string?)error?["error_data"]?["details"] is { } details ? $" ({details})" : ""));
            log.LogWarning("WhatsApp message {MessageId} failed at the provider: {Error}", message.Id, message.DeliveryError);
        }
        else if (message.DeliveryStatus != DeliveryStatus.Failed && next > message.DeliveryStatus)
        {
            message.DeliveryStatus = next;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Truncate(string s) => s.Length <= 1000 ? s : s[..1000];
}
