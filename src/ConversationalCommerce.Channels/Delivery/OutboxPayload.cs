using System.Text.Json;
using System.Text.Json.Serialization;
using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Channels.Delivery;

/// <summary>
/// What an outbox row carries: the channel-neutral reply and why it is sent. Each <see cref="IChannelSender"/> renders
/// the reply its own way (WhatsApp list, email HTML) and picks a template by <see cref="Purpose"/> when it must.
/// </summary>
public sealed record OutboxPayload(Reply Reply, string Purpose = OutboxPurpose.Reply)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static OutboxPayload FromJson(string json) =>
        JsonSerializer.Deserialize<OutboxPayload>(json, Json) ?? throw new JsonException("Empty outbox payload.");
}

public static class OutboxPurpose
{
    /// <summary>An answer of the assistant to the customer's message.</summary>
    public const string Reply = "reply";
    /// <summary>The one confirmation of an opt-out; the only send allowed to an opted-out address.</summary>
    public const string OptOutConfirmation = "opt-out-confirmation";
    /// <summary>A polite notice from the channel itself (unsupported message type and the like).</summary>
    public const string Notice = "notice";
}
