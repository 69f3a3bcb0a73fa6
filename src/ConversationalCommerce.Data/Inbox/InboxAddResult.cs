namespace ConversationalCommerce.Data.Inbox;

public enum InboxAddResult
{
    /// <summary>Stored and dispatched for processing.</summary>
    Accepted,
    /// <summary>A row with the same source and dedupe key exists already; nothing was written.</summary>
    Duplicate,
}
