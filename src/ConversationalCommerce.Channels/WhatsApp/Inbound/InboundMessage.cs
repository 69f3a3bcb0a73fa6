using System.Text.Json.Nodes;

namespace ConversationalCommerce.Channels.WhatsApp.Inbound;

/// <summary>What we read from one inbound WhatsApp message (the inbox row keeps Meta's full JSON).</summary>
/// <param name="From">The sender's WhatsApp id: country code and number, digits only.</param>
/// <param name="Text">Text body, or the title of the chosen list row / button.</param>
/// <param name="ReplyId">The id we gave the list row or button the customer tapped.</param>
public sealed record InboundMessage(string Wamid, string From, string Type, string? Text, string? ReplyId, string? ContactName)
{
    /// <summary>Types we understand; everything else (image, audio, sticker, location, ...) gets a polite answer.</summary>
    public bool IsSupported => Type is "text" or "interactive" or "button" && (Text is not null || ReplyId is not null);

    public static InboundMessage FromInboxBody(string body)
    {
        var root = JsonNode.Parse(body)?.AsObject() ?? throw new FormatException("Empty WhatsApp inbox body.");
        var m = root["message"]?.AsObject() ?? throw new FormatException("WhatsApp inbox body has no message.");
        var type = (string?)m["type"] ?? "unknown";
        string? text = null, replyId = null;
        switch (type)
        {
            case "text":
                text = (string?)m["text"]?["body"];
                break;
            case "interactive":
                var interactive = m["interactive"];
                var kind = (string?)interactive?["type"];
                var reply = kind is "list_reply" or "button_reply" ? interactive?[kind] : null;
                replyId = (string?)reply?["id"];
                text = (string?)reply?["title"];
                break;
            case "button":
                // A quick-reply button of a template message.
                replyId = (string?)m["button"]?["payload"];
                text = (string?)m["button"]?["text"];
                break;
        }
        return new InboundMessage((string)m["id"]!, (string)m["from"]!, type, text, replyId, (string?)root["contact_name"]);
    }
}
