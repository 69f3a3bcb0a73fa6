using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Engine.Conversation;

/// <summary>
/// The one entry point every channel calls: a shopper message in, a stored structured reply out.
/// Channels parse, verify and render; everything in between happens here.
/// </summary>
public interface IConversationService
{
    Task<TurnResult> HandleAsync(ShopperMessage message, CancellationToken cancellationToken);
}

/// <param name="ExternalId">Idempotency key (widget client message id, wamid, Message-ID): a repeat returns the stored turn.</param>
public sealed record ShopperMessage(
    Guid ShopId,
    Guid ConversationId,
    Channel Channel,
    string Text,
    string? ExternalId = null,
    Guid? CustomerId = null);

/// <param name="Assistant">
/// The stored answer; null when a merchant has taken the thread over (<paramref name="HeldForMerchant"/>) and nothing
/// is sent back. The one takeover notice ("a member of our team will reply here") comes back here as a System message.
/// </param>
/// <param name="Reply">The structured reply to render; empty (no text, intent <c>held_for_merchant</c>) when <paramref name="Assistant"/> is null.</param>
/// <param name="WasDuplicate">True when the external id was seen before; nothing new was stored or answered.</param>
/// <param name="HeldForMerchant">The thread is handed off to a person: the message was stored for them, the assistant did not answer.</param>
public sealed record TurnResult(Message Shopper, Message? Assistant, Reply Reply, bool WasDuplicate, bool HeldForMerchant = false);
