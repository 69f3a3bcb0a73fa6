namespace ConversationalCommerce.Data.Conversations;

/// <summary>Bound from "TurnCommits": group commit of chat turns on SQLite.</summary>
public sealed class TurnCommitOptions
{
    public const string Section = "TurnCommits";

    /// <summary>
    /// On SQLite (one writer at a time), concurrent turns are written by one writer, many per transaction, instead of
    /// each waiting for the write lock. Server databases take each turn in its own transaction regardless.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Most turns committed in one transaction.</summary>
    public int MaxBatch { get; set; } = 256;
}
