namespace ConversationalCommerce.Engine.Conversation;

/// <summary>Bound from "Conversations".</summary>
public sealed class ConversationOptions
{
    public const string Section = "Conversations";

    /// <summary>How many earlier messages a turn sees (the offline engine needs few; the LLM mode uses them as context).</summary>
    public int HistorySize { get; set; } = 20;

    /// <summary>Attempts at writing a turn when another node changed the thread meanwhile.</summary>
    public int MaxWriteAttempts { get; set; } = 4;

    /// <summary>Longest shopper message accepted, in characters; channels refuse longer ones politely.</summary>
    public int MaxMessageLength { get; set; } = 2000;

    /// <summary>
    /// Sent once when a shopper writes into a thread a merchant has taken over (before the merchant wrote anything):
    /// the assistant is silent until the merchant hands the thread back, and the shopper should know why.
    /// </summary>
    public string TakeoverNotice { get; set; } = "Thanks, a member of our team will reply here.";
}
