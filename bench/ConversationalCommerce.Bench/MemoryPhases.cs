using System.Diagnostics;

namespace ConversationalCommerce.Bench;

/// <summary>
/// Where a benchmark's memory goes, phase by phase: a sampler reads the working set and the managed heap every
/// 20 ms and keeps the highest of each per phase. The headline peak stays the kernel's own high-water mark
/// (<see cref="Process.PeakWorkingSet64"/>, VmHWM), which no sampler can miss; these figures only say which phase
/// reached it and how much of it was the managed heap.
/// </summary>
public sealed class MemoryPhases : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private readonly Lock _gate = new();
    private string _phase = "setup";
    private long _maxWorkingSet;
    private long _maxHeap;

    public MemoryPhases() => _sampler = Task.Run(SampleAsync);

    /// <summary>Closes the current phase with one line of figures and starts <paramref name="next"/>.</summary>
    public void Next(string next)
    {
        long ws, heap;
        string phase;
        lock (_gate)
        {
            Sample();
            (phase, ws, heap) = (_phase, _maxWorkingSet, _maxHeap);
            _phase = next;
            _maxWorkingSet = 0;
            _maxHeap = 0;
        }
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"  memory {phase,-8}: max working set {Mb(ws),5:F0} MB, max managed heap {Mb(heap),5:F0} MB, "
                          + $"process peak so far {Mb(self.PeakWorkingSet64),5:F0} MB, GCs gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
    }

    /// <summary>What stays reachable once everything transient is collected (for the index: its real size).</summary>
    public static double RetainedHeapMb()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return Mb(GC.GetTotalMemory(false));
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            lock (_gate) Sample();
            try { await Task.Delay(20, _stop.Token); }
            catch (OperationCanceledException) { return; }
        }
    }

    private void Sample()
    {
        _maxWorkingSet = Math.Max(_maxWorkingSet, Environment.WorkingSet);
        _maxHeap = Math.Max(_maxHeap, GC.GetTotalMemory(false));
    }

    private static double Mb(long bytes) => bytes / 1024.0 / 1024.0;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        _stop.Dispose();
    }
}
