namespace ConversationalCommerce.Channels.Delivery;

/// <summary>Bound from "Outbox".</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Sends that ended in a retryable failure before the row is given up as Failed.</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>Backoff after the first failure; doubles with each further failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>A provider's Retry-After is honoured up to this much.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How long a claimed row is reserved for its worker; after it a crashed worker's row is due again.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>Pending rows due longer than this are re-dispatched by the sweep (their job was lost).</summary>
    public TimeSpan SweepPendingAfter { get; set; } = TimeSpan.FromSeconds(10);
    public int SweepBatchSize { get; set; } = 1000;

    public TimeSpan DelayFor(int failedAttempts, TimeSpan? retryAfter)
    {
        var factor = Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 30));
        var backoff = TimeSpan.FromMilliseconds(BaseBackoff.TotalMilliseconds * factor);
        if (backoff > MaxBackoff) backoff = MaxBackoff;
        if (retryAfter is { } asked && asked > backoff) backoff = asked > MaxRetryAfter ? MaxRetryAfter : asked;
        return backoff;
    }
}
