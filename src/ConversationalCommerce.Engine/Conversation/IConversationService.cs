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

/// <param name="WasDuplicate">True when the external id was seen before; nothing new was stored or answered.</param>
public sealed record TurnResult(Message Shopper, Message Assistant, Reply Reply, bool WasDuplicate);
