namespace ConversationalCommerce.Data.Inbox;

/// <summary>
/// Asks for an inbox row to be processed (now or after a delay). Carries only the row id; losing a dispatch
/// loses nothing because the sweep finds unfinished rows in the table.
/// </summary>
public interface IInboxDispatcher
{
    void Dispatch(Guid inboxMessageId, TimeSpan delay = default);

    /// <summary>Rows just stored together, due now. A job queue may carry several ids per job to save round trips.</summary>
    void DispatchMany(IReadOnlyList<Guid> inboxMessageIds)
    {
        foreach (var id in inboxMessageIds) Dispatch(id);
    }
}
