namespace ConversationalCommerce.Shopify.Admin;

/// <summary>
/// Our view of one shop's GraphQL cost bucket (leaky bucket: <c>maximumAvailable</c> points, refilled at
/// <c>restoreRate</c> per second). Each call reserves its expected cost; when the bucket would run dry the call
/// waits for the restore instead of being throttled. Every response's <c>throttleStatus</c> resets our estimate.
/// </summary>
public sealed class CostBucket
{
    private readonly Lock _gate = new();
    private double _available;
    private double _maximum;
    private double _restoreRate;
    private DateTimeOffset _at;
    private bool _known;

    /// <summary>Reserves <paramref name="cost"/> points and returns how long to wait before sending.</summary>
    public TimeSpan Reserve(double cost, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_known || _restoreRate <= 0) return TimeSpan.Zero;
            var estimate = Math.Min(_maximum, _available + _restoreRate * Math.Max(0, (now - _at).TotalSeconds));
            cost = Math.Min(cost, _maximum);
            _available = estimate - cost;
            _at = now;
            return estimate >= cost ? TimeSpan.Zero : TimeSpan.FromSeconds((cost - estimate) / _restoreRate);
        }
    }

    /// <summary>Shopify's own figures after a call.</summary>
    public void Observe(double currentlyAvailable, double maximumAvailable, double restoreRate, DateTimeOffset now)
    {
        lock (_gate)
        {
            _available = currentlyAvailable;
            _maximum = maximumAvailable;
            _restoreRate = restoreRate;
            _at = now;
            _known = true;
        }
    }

    /// <summary>Time until <paramref name="cost"/> points are back, from Shopify's last figures (for THROTTLED answers).</summary>
    public TimeSpan TimeUntil(double cost, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_known || _restoreRate <= 0) return TimeSpan.Zero;
            var estimate = Math.Min(_maximum, _available + _restoreRate * Math.Max(0, (now - _at).TotalSeconds));
            return estimate >= cost ? TimeSpan.Zero : TimeSpan.FromSeconds((Math.Min(cost, _maximum) - estimate) / _restoreRate);
        }
    }
}
