using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConversationalCommerce.Engine.Conversation.State;

/// <summary>Reads and writes <see cref="ConversationState"/>; unreadable or empty JSON starts a fresh state rather than failing the turn.</summary>
public static class ConversationStateJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static ConversationState Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return ConversationState.Empty;
        try
        {
            return JsonSerializer.Deserialize<ConversationState>(json, Options) ?? ConversationState.Empty;
        }
        catch (JsonException)
        {
            return ConversationState.Empty;
        }
    }

    public static string Write(ConversationState state) => JsonSerializer.Serialize(state, Options);
}
