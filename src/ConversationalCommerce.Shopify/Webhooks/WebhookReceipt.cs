namespace ConversationalCommerce.Shopify.Webhooks;

/// <summary>What the ingest endpoint answers: 200 for Accepted and Duplicate, 401 for Forged, 400 for the rest.</summary>
public enum WebhookReceiptKind
{
    Accepted,
    Duplicate,
    Forged,
    MissingHeaders,
    Malformed,
}

public sealed record WebhookReceipt(WebhookReceiptKind Kind, string? Reason = null)
{
    public static readonly WebhookReceipt Accepted = new(WebhookReceiptKind.Accepted);
    public static readonly WebhookReceipt Duplicate = new(WebhookReceiptKind.Duplicate);
    public static readonly WebhookReceipt Forged = new(WebhookReceiptKind.Forged, "signature does not match");
}
