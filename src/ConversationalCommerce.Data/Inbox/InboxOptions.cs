namespace ConversationalCommerce.Data.Inbox;

/// <summary>Bound from "Inbox".</summary>
public sealed class InboxOptions
{
    public const string Section = "Inbox";

    /// <summary>Runs of the handler before a row is left Failed for a person to look at.</summary>
    public int MaxAttempts { get; set; } = 5;
    /// <summary>Backoff after the first failure; doubles with every further failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>How long a claim holds; a Processing row past it belongs to a worker that died.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Pending rows due longer than this are re-dispatched by the sweep (their dispatch was lost).</summary>
    public TimeSpan SweepPendingAfter { get; set; } = TimeSpan.FromSeconds(10);
    public int SweepBatchSize { get; set; } = 1000;
    /// <summary>Most rows the writer commits in one transaction (group commit); a batch is whatever queued during the previous commit.</summary>
    public int MaxWriteBatch { get; set; } = 256;
    /// <summary>Most rows of one commit that one job applies in turn; a bigger commit becomes several jobs that run in parallel.</summary>
    public int MaxRowsPerJob { get; set; } = 8;
    /// <summary>Writer loops committing batches side by side; unset: 1 on SQLite (one writer at a time anyway), 4 on server databases.</summary>
    public int? WriterThreads { get; set; }
    /// <summary>
    /// Rows applied at once in this process; unset: 1 on SQLite, no limit beyond the job workers on server databases
    /// (0 also means no limit). SQLite has one write lock: several appliers only sleep in its busy steps, and the
    /// webhook writer waits behind all of them (webhook-ingest accept p99 117 ms with four appliers, 41-46 ms with one).
    /// </summary>
    public int? ApplyConcurrency { get; set; }
    /// <summary>Longest wait for <see cref="ApplyConcurrency"/>; past it a row is applied anyway (a stuck handler stalls nothing).</summary>
    public TimeSpan ApplyGateWait { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan BackoffFor(int failedAttempts)
    {
        var factor = Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 30));
        var delay = TimeSpan.FromMilliseconds(BaseBackoff.TotalMilliseconds * factor);
        return delay > MaxBackoff ? MaxBackoff : delay;
    }
}
