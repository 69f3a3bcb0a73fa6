namespace ConversationalCommerce.Channels.Widget.Hub;

/// <summary>
/// Token bucket of one connection: a burst of <c>capacity</c> messages, refilled evenly over <c>window</c>.
/// Time comes from the app's <see cref="TimeProvider"/>, so tests can move it.
/// </summary>
public sealed class SendBucket(int capacity, TimeSpan window, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _tokens = capacity;
    private long _last = time.GetTimestamp();

    public bool TryTake()
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            var elapsed = time.GetElapsedTime(_last, now);
            _last = now;
            _tokens = Math.Min(capacity, _tokens + elapsed.TotalSeconds * capacity / window.TotalSeconds);
            if (_tokens < 1) return false;
            _tokens -= 1;
            return true;
        }
    }
}
