using ConversationalCommerce.Domain.Messaging;

namespace ConversationalCommerce.Data.Inbox;

/// <summary>
/// Applies inbox rows of one source ("shopify", "whatsapp", "email"). Runs in a fresh DI scope whose
/// <see cref="Scoping.ShopScope"/> is already set when the row has a shop. Must be idempotent: a row can be
/// handled again after a crash or a retry.
/// </summary>
public interface IInboxHandler
{
    string Source { get; }
    Task HandleAsync(InboxMessage message, CancellationToken cancellationToken);
}

/// <summary>Thrown by a handler for a row it deliberately does not act on (unknown topic, uninstalled shop): the row ends Ignored, not Failed.</summary>
public sealed class InboxMessageIgnoredException(string reason) : Exception(reason);
