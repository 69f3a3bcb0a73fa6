using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Messaging;

namespace ConversationalCommerce.Channels.Delivery;

/// <summary>
/// Sends one outbox row through its provider (WhatsApp Graph API, SMTP). The outbox processor calls it in order per
/// conversation and decides on retries from the result; a sender never retries by itself.
/// </summary>
public interface IChannelSender
{
    Channel Channel { get; }
    Task<SendResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <param name="Permanent">A failure that no retry can fix (invalid number, opted out, rejected template).</param>
/// <param name="RetryAfter">What the provider asked for (429 Retry-After), if anything.</param>
public sealed record SendResult(bool Success, string? ProviderMessageId = null, bool Permanent = false, string? Error = null, TimeSpan? RetryAfter = null)
{
    public static SendResult Sent(string? providerMessageId) => new(true, providerMessageId);
    public static SendResult Retry(string error, TimeSpan? retryAfter = null) => new(false, null, false, error, retryAfter);
    public static SendResult Fail(string error) => new(false, null, true, error);
}
