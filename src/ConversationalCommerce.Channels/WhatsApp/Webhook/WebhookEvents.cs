using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConversationalCommerce.Channels.WhatsApp.Webhook;

/// <summary>One inbox row's worth of a notification: an inbound message or a status of one of our messages.</summary>
public sealed record WebhookEvent(string PhoneNumberId, string Topic, string DedupeKey, DateTimeOffset? OccurredAt, string Body);

public static class WebhookTopics
{
    public const string Message = "message";
    public const string Status = "status";
}

/// <summary>A notification that is not shaped like Meta's; the reason goes to the log, never to the caller.</summary>
public sealed class MalformedWebhookException(string reason) : Exception(reason);

/// <summary>
/// Splits a "whatsapp_business_account" notification into one event per message and per status, each keeping the
/// provider's own JSON object. Fields other than "messages" (template reviews, account updates) carry nothing for us.
/// </summary>
public static class WebhookEvents
{
    public static IReadOnlyList<WebhookEvent> Parse(ReadOnlySpan<byte> body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new MalformedWebhookException($"Body is not JSON: {ex.Message}");
        }
        if (root is not JsonObject obj) throw new MalformedWebhookException("Body is not a JSON object.");
        if (Str(obj["object"]) != "whatsapp_business_account")
            throw new MalformedWebhookException("'object' is not 'whatsapp_business_account'.");
        if (obj["entry"] is not JsonArray entries) throw new MalformedWebhookException("'entry' is missing or not an array.");

        var events = new List<WebhookEvent>();
        foreach (var entry in entries)
        {
            if (entry?["changes"] is not JsonArray changes) throw new MalformedWebhookException("An entry has no 'changes' array.");
            foreach (var change in changes)
            {
                if (change is not JsonObject c) throw new MalformedWebhookException("A change is not an object.");
                if (Str(c["field"]) != "messages") continue;
                if (c["value"] is not JsonObject value) throw new MalformedWebhookException("A messages change has no 'value' object.");
                var phoneNumberId = Str(value["metadata"]?["phone_number_id"]);
                if (string.IsNullOrEmpty(phoneNumberId)) throw new MalformedWebhookException("'metadata.phone_number_id' is missing.");
                var contactName = value["contacts"] is JsonArray contacts && contacts.Count > 0 ? Str(contacts[0]?["profile"]?["name"]) : null;
                AddMessages(events, phoneNumberId, contactName, value["messages"]);
                AddStatuses(events, phoneNumberId, value["statuses"]);
            }
        }
        return events;
    }

    private static void AddMessages(List<WebhookEvent> events, string phoneNumberId, string? contactName, JsonNode? node)
    {
        if (node is null) return;
        if (node is not JsonArray messages) throw new MalformedWebhookException("'messages' is not an array.");
        foreach (var message in messages)
        {
            if (message is not JsonObject m) throw new MalformedWebhookException("A message is not an object.");
            var id = Str(m["id"]);
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(Str(m["from"])) || string.IsNullOrEmpty(Str(m["type"])))
                throw new MalformedWebhookException("A message lacks 'id', 'from' or 'type'.");
            var body = new JsonObject
            {
                ["phone_number_id"] = phoneNumberId,
                ["contact_name"] = contactName,
                ["message"] = m.DeepClone(),
            };
            events.Add(new WebhookEvent(phoneNumberId, WebhookTopics.Message, id, Timestamp(m), body.ToJsonString()));
        }
    }

    private static void AddStatuses(List<WebhookEvent> events, string phoneNumberId, JsonNode? node)
    {
        if (node is null) return;
        if (node is not JsonArray statuses) throw new MalformedWebhookException("'statuses' is not an array.");
        foreach (var status in statuses)
        {
            if (status is not JsonObject s) throw new MalformedWebhookException("A status is not an object.");
            var id = Str(s["id"]);
            var state = Str(s["status"]);
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(state)) throw new MalformedWebhookException("A status lacks 'id' or 'status'.");
            var body = new JsonObject { ["phone_number_id"] = phoneNumberId, ["status"] = s.DeepClone() };
            events.Add(new WebhookEvent(phoneNumberId, WebhookTopics.Status, $"{id}:{state}", Timestamp(s), body.ToJsonString()));
        }
    }

    private static DateTimeOffset? Timestamp(JsonObject o) =>
        long.TryParse(Str(o["timestamp"]), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private static string? Str(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s
        : node is JsonValue n && n.TryGetValue<long>(out var l) ? l.ToString(CultureInfo.InvariantCulture)
        : null;
}
