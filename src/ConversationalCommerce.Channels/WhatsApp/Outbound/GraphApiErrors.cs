using System.Net;
using System.Text.Json.Nodes;
using ConversationalCommerce.Channels.Delivery;

namespace ConversationalCommerce.Channels.WhatsApp.Outbound;

/// <summary>
/// Turns a Graph API error into a send result: rate limits and server trouble are retried (honouring Retry-After),
/// everything the request itself caused is permanent, with a reason a merchant can read.
/// </summary>
public static class GraphApiErrors
{
    /// <summary>Codes that a later attempt can succeed with.</summary>
    private static readonly HashSet<long> Transient =
    [
        1,      // API unknown
        2,      // API service (temporary)
        4,      // application request limit
        80007,  // WhatsApp Business account rate limit
        130429, // throughput limit reached
        131000, // something went wrong
        131016, // service unavailable
        131056, // pair rate limit: too many messages to this number
        133004, // server temporarily unavailable
    ];

    private static readonly Dictionary<long, string> Explanations = new()
    {
        [131047] = "Re-engagement needed: more than 24 hours passed since the customer's last message, so only an approved template may be sent.",
        [131026] = "The message could not be delivered: the number may not be on WhatsApp, or the customer has not accepted the latest terms.",
        [100] = "WhatsApp refused a parameter of the message.",
        [131051] = "WhatsApp does not support this message type.",
        [132000] = "The template's parameters do not match the approved template.",
        [132001] = "The template does not exist in this language.",
        [190] = "The WhatsApp access token is invalid or expired; update it in the channel settings.",
        [10] = "The WhatsApp access token lacks the permission to send messages.",
        [131031] = "The WhatsApp Business account is locked.",
    };

    public static SendResult Classify(HttpStatusCode status, string body, TimeSpan? retryAfter)
    {
        var (code, message, details) = Read(body);
        var description = code is { } c
            ? $"WhatsApp error {c}: {(Explanations.TryGetValue(c, out var why) ? why : message ?? "unknown error")}" + (details is null ? "" : $" ({details})")
            : $"WhatsApp answered HTTP {(int)status}" + (message is null ? "" : $": {message}");

        if (status == HttpStatusCode.TooManyRequests || (int)status >= 500 || status == HttpStatusCode.RequestTimeout)
            return SendResult.Retry(description, retryAfter);
        if (code is { } known && Transient.Contains(known))
            return SendResult.Retry(description, retryAfter);
        return SendResult.Fail(description);
    }

    private static (long? Code, string? Message, string? Details) Read(string body)
    {
        try
        {
            var error = JsonNode.Parse(body)?["error"];
            if (error is null) return (null, null, null);
            return ((long?)error["code"], (string?)error["message"], (string?)error["error_data"]?["details"]);
        }
        catch (System.Text.Json.JsonException)
        {
            return (null, null, null);
        }
        catch (InvalidOperationException)
        {
            return (null, null, null);
        }
        catch (FormatException)
        {
            return (null, null, null);
        }
    }
}
