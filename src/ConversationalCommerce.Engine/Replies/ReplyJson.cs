using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConversationalCommerce.Engine.Replies;

/// <summary>The one JSON shape of a <see cref="Reply"/> (camelCase), as stored in Message.PayloadJson and sent to clients.</summary>
public static class ReplyJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(Reply reply) => JsonSerializer.Serialize(reply, Options);

    /// <summary>The stored reply, or a text-only reply when the payload is missing or unreadable.</summary>
    public static Reply Deserialize(string? json, string fallbackText)
    {
        if (!string.IsNullOrWhiteSpace(json))
        {
            try
            {
                if (JsonSerializer.Deserialize<Reply>(json, Options) is { } reply) return reply;
            }
            catch (JsonException)
            {
                // An old or hand-edited payload: the message text is still the truth.
            }
        }
        return new Reply { Text = fallbackText };
    }
}
