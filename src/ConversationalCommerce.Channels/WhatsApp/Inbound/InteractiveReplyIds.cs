namespace ConversationalCommerce.Channels.WhatsApp.Inbound;

/// <summary>
/// Ids we give list rows and reply buttons, so a tap comes back as something we can act on: "p:{product id}" for a
/// product row, "qr:{text}" for a quick reply.
/// </summary>
public static class InteractiveReplyIds
{
    private const string ProductPrefix = "p:";
    private const string QuickReplyPrefix = "qr:";
    private const int MaxIdLength = 200;

    public static string ForProduct(Guid productId) => ProductPrefix + productId.ToString("N");

    public static string ForQuickReply(string text)
    {
        var id = QuickReplyPrefix + text;
        return id.Length <= MaxIdLength ? id : id[..MaxIdLength];
    }

    public static bool TryProduct(string? id, out Guid productId)
    {
        productId = Guid.Empty;
        return id is not null && id.StartsWith(ProductPrefix, StringComparison.Ordinal) && Guid.TryParseExact(id[ProductPrefix.Length..], "N", out productId);
    }

    public static bool TryQuickReply(string? id, out string text)
    {
        text = "";
        if (id is null || !id.StartsWith(QuickReplyPrefix, StringComparison.Ordinal)) return false;
        text = id[QuickReplyPrefix.Length..];
        return text.Length > 0;
    }
}
