using System.Diagnostics;

namespace ConversationalCommerce.Bench;

/// <summary>Collects per-operation latencies and reports percentiles; shared by every benchmark.</summary>
public sealed class LatencyRecorder
{
    private readonly List<double> _ms = [];
    private readonly Lock _gate = new();

    public void Add(double milliseconds)
    {
        lock (_gate) _ms.Add(milliseconds);
    }

    public static double Elapsed(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;

    public int Count { get { lock (_gate) return _ms.Count; } }

    public double Percentile(double p)
    {
        lock (_gate)
        {
            if (_ms.Count == 0) return double.NaN;
            var sorted = _ms.Order().ToArray();
            var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
            return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
        }
    }

    public string Summary(string label) =>
        $"{label}: n={Count} p50={Percentile(50):F3} ms p90={Percentile(90):F3} ms p99={Percentile(99):F3} ms max={Percentile(100):F3} ms";
}
