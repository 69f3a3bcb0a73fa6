using System.Text.Json;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Channels.Widget.Hub;

/// <summary>Turns stored messages into the widget's <see cref="HistoryMessage"/>.</summary>
public static class HistoryMessages
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    public static HistoryMessage From(Message message, Reply? reply = null) => new(
        message.Id,
        message.Seq,
        Role(message.Role),
        ChannelName(message.Channel),
        message.Text,
        message is { Role: MessageRole.Shopper, Channel: Channel.Widget } ? message.ExternalId : null,
        message.CreatedAt,
        reply ?? ReadReply(message.PayloadJson));

    public static string Role(MessageRole role) => role switch
    {
        MessageRole.Shopper => "shopper",
        MessageRole.Assistant => "assistant",
        MessageRole.Merchant => "merchant",
        _ => "system",
    };

    public static string ChannelName(Channel channel) => channel switch
    {
        Channel.Widget => "widget",
        Channel.WhatsApp => "whatsapp",
        Channel.Email => "email",
        Channel.Api => "api",
        _ => "admin",
    };

    /// <summary>The stored structured reply; a payload that is not a reply (or is damaged) shows as plain text.</summary>
    private static Reply? ReadReply(string? payloadJson)
    {
        if (string.IsNullOrWhiteSpace(payloadJson)) return null;
        try
        {
            return JsonSerializer.Deserialize<Reply>(payloadJson, PayloadJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
