using System.Globalization;
using System.Text;
using System.Text.Json;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Domain.Messaging;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Shopify.Webhooks;

/// <summary>
/// Accepts one webhook delivery: the signature is checked on the raw bytes before anything is parsed, then the
/// headers and the JSON shape, then the delivery is stored in the inbox (once per event) and handled later.
/// </summary>
public sealed class ShopifyWebhookReceiver(
    AppDbContext db,
    InboxWriter inbox,
    ShopDirectory shops,
    IOptionsMonitor<ShopifyOptions> options,
    ILogger<ShopifyWebhookReceiver> log)
{
    public const string Source = "shopify";

    private static readonly string[] Required =
        [ShopifyWebhookHeaders.Topic, ShopifyWebhookHeaders.ShopDomain, ShopifyWebhookHeaders.WebhookId];

    public async Task<WebhookReceipt> ReceiveAsync(IHeaderDictionary headers, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var signature = headers[ShopifyWebhookHeaders.Hmac].ToString();
        if (string.IsNullOrWhiteSpace(signature))
            return Refuse(new WebhookReceipt(WebhookReceiptKind.MissingHeaders, $"missing {ShopifyWebhookHeaders.Hmac}"), headers);
        var secret = options.CurrentValue.ApiSecret;
        if (string.IsNullOrEmpty(secret))
            return Refuse(WebhookReceipt.Forged with { Reason = "Shopify:ApiSecret is not configured, nothing can be verified" }, headers);
        if (!ShopifyHmac.IsValid(body.Span, signature, secret))
            return Refuse(WebhookReceipt.Forged, headers);

        var missing = Required.Where(h => string.IsNullOrWhiteSpace(headers[h])).ToArray();
        if (missing.Length > 0)
            return Refuse(new WebhookReceipt(WebhookReceiptKind.MissingHeaders, "missing " + string.Join(", ", missing)), headers);
        if (JsonShapeError(body.Span) is { } jsonError)
            return Refuse(new WebhookReceipt(WebhookReceiptKind.Malformed, jsonError), headers);

        var topic = headers[ShopifyWebhookHeaders.Topic].ToString().Trim();
        var domain = headers[ShopifyWebhookHeaders.ShopDomain].ToString().Trim().ToLowerInvariant();
        var webhookId = headers[ShopifyWebhookHeaders.WebhookId].ToString().Trim();
        var eventId = headers[ShopifyWebhookHeaders.EventId].ToString().Trim();

        var shopId = await shops.FindAsync(db, domain, cancellationToken);
        if (shopId is null)
            log.LogInformation("Shopify webhook {Topic} for unknown shop {ShopDomain}: stored, will be ignored", topic, domain);

        var message = new InboxMessage
        {
            Source = Source,
            Topic = topic,
            // The event id is the same across redeliveries of one event; the topic keeps two topics of one event apart.
            DedupeKey = $"{topic}|{(eventId.Length > 0 ? eventId : webhookId)}",
            ShopDomain = domain,
            ShopId = shopId,
            OccurredAt = ParseInstant(headers[ShopifyWebhookHeaders.TriggeredAt].ToString()),
            HeadersJson = StoredHeaders(headers),
            Body = Encoding.UTF8.GetString(body.Span),
        };
        var result = await inbox.TryAddAsync(message, cancellationToken);
        return result == InboxAddResult.Accepted ? WebhookReceipt.Accepted : WebhookReceipt.Duplicate;
    }

    private WebhookReceipt Refuse(WebhookReceipt receipt, IHeaderDictionary headers)
    {
        // Never the body: it carries customer data. Topic and shop domain identify the sender well enough.
        log.LogWarning("Shopify webhook refused ({Kind}): {Reason}; topic {Topic}, shop {ShopDomain}",
            receipt.Kind, receipt.Reason, Short(headers[ShopifyWebhookHeaders.Topic].ToString()),
            Short(headers[ShopifyWebhookHeaders.ShopDomain].ToString()));
        return receipt;
    }

    /// <summary>Walks the whole document without building it: malformed JSON or invalid UTF-8 is refused here, not in a job.</summary>
    private static string? JsonShapeError(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty) return "empty body";
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return "body is not a JSON object";
            reader.Skip();
            if (reader.Read()) return "trailing data after the JSON object";
            return null;
        }
        catch (JsonException ex)
        {
            return $"malformed JSON at byte {ex.BytePositionInLine}, line {ex.LineNumber}";
        }
    }

    private static DateTimeOffset? ParseInstant(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : null;

    private static string StoredHeaders(IHeaderDictionary headers)
    {
        var kept = new Dictionary<string, string>();
        foreach (var name in ShopifyWebhookHeaders.Stored)
            if (headers.TryGetValue(name, out var value) && value.Count > 0) kept[name] = value.ToString();
        return JsonSerializer.Serialize(kept);
    }

    private static string Short(string value) => value.Length <= 100 ? value : value[..100];
}
