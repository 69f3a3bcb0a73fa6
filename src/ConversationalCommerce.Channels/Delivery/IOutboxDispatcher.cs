namespace ConversationalCommerce.Channels.Delivery;

/// <summary>Asks for an outbox row to be sent (now or later). Carries only the row id; the sweep covers lost dispatches.</summary>
public interface IOutboxDispatcher
{
    void Dispatch(Guid outboxMessageId, TimeSpan delay = default);
}
