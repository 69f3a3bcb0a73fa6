using System.Collections.Concurrent;
using ConversationalCommerce.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Data.Inbox;

/// <summary>
/// Stores what arrives from outside before it is acknowledged, once per (Source, DedupeKey), then dispatches it.
/// Group commit: callers queue their row and wait; one background loop takes everything queued so far (up to
/// <see cref="InboxOptions.MaxWriteBatch"/>), drops keys that exist already, inserts the rest in one transaction,
/// dispatches the accepted rows and only then answers each caller. Under load that is one commit (one turn of the
/// single SQLite write lock, one PostgreSQL round trip) per batch instead of per webhook; when idle a batch is one row
/// and nothing waits for company. The unique index still decides races: of two concurrent writers of the same key
/// (in one batch, or on two nodes) exactly one is Accepted.
/// The loop is a dedicated thread making synchronous database calls: under CPU pressure every await of a
/// thread-pool loop would queue behind the request work it serves, and each of those waits would land on a whole batch.
/// </summary>
public sealed class InboxWriter : IAsyncDisposable, IDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ActiveDatabase _database;
    private readonly IInboxDispatcher _dispatcher;
    private readonly TimeProvider _time;
    private readonly IOptions<InboxOptions> _options;
    private readonly ILogger<InboxWriter> _log;
    private readonly BlockingCollection<PendingAdd> _queue = new(new ConcurrentQueue<PendingAdd>());
    private readonly Lock _startLock = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Thread? _loop;
    private int _running;

    public InboxWriter(IServiceScopeFactory scopes, IInboxDispatcher dispatcher, ActiveDatabase database, TimeProvider time,
        IOptions<InboxOptions> options, ILogger<InboxWriter> log)
    {
        _database = database;
        _scopes = scopes;
        _dispatcher = dispatcher;
        _time = time;
        _options = options;
        _log = log;
    }

    /// <summary>Rows waiting for the next commit.</summary>
    public int Queued => _queue.Count;

    /// <summary>
    /// Accepted once the row is committed and dispatched; Duplicate if the key is stored already (nothing written).
    /// Cancelling stops the wait at once; a row already in a running batch may still be stored and processed.
    /// </summary>
    public async Task<InboxAddResult> TryAddAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message.Source);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.DedupeKey);
        cancellationToken.ThrowIfCancellationRequested();

        if (message.ReceivedAt == default) message.ReceivedAt = _time.GetUtcNow();
        if (message.NextAttemptAt == default) message.NextAttemptAt = message.ReceivedAt;
        message.Status = InboxStatus.Pending;
        message.Attempts = 0;
        message.LeaseExpiresAt = null;

        var pending = new PendingAdd(message, cancellationToken);
        EnsureStarted();
        try
        {
            _queue.Add(pending, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(InboxWriter));
        }
        return await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private void EnsureStarted()
    {
        if (Volatile.Read(ref _loop) is not null) return;
        lock (_startLock)
        {
            if (_loop is not null) return;
            var threads = Math.Max(1, _options.Value.WriterThreads ?? DefaultWriterThreads());
            _running = threads;
            for (var i = 0; i < threads; i++)
            {
                // No execution context from whichever request came first (its logging scope, activity, shop scope).
                _loop = new Thread(Run) { IsBackground = true, Name = $"inbox-writer-{i}" };
                _loop.UnsafeStart();
            }
        }
    }

    /// <summary>A server database takes concurrent commits; SQLite would only make several loops wait on its one write lock.</summary>
    private int DefaultWriterThreads() => _database.IsSqlite ? 1 : 4;

    private void Run()
    {
        try
        {
            var batch = new List<PendingAdd>();
            foreach (var first in _queue.GetConsumingEnumerable())
            {
                batch.Clear();
                Take(batch, first);
                var max = Math.Max(1, _options.Value.MaxWriteBatch);
                while (batch.Count < max && _queue.TryTake(out var pending)) Take(batch, pending);
                if (batch.Count > 0) WriteBatchOrFail(batch);
            }
        }
        finally
        {
            if (Interlocked.Decrement(ref _running) == 0) _stopped.TrySetResult();
        }
    }

    private static void Take(List<PendingAdd> batch, PendingAdd pending)
    {
        // A caller that gave up before its row was taken gets nothing written.
        if (pending.CancellationToken.IsCancellationRequested) pending.Completion.TrySetCanceled(pending.CancellationToken);
        else batch.Add(pending);
    }

    private void WriteBatchOrFail(List<PendingAdd> batch)
    {
        try
        {
            WriteBatch(batch);
        }
        catch (Exception ex)
        {
            // The commit failed: nothing of this batch is stored, so nobody in it is told Accepted.
            _log.LogError(ex, "Inbox batch of {Count} rows failed to commit", batch.Count);
            foreach (var pending in batch) pending.Completion.TrySetException(ex);
        }
    }

    private void WriteBatch(List<PendingAdd> batch)
    {
        // The first row of each key in the batch is its candidate; later ones are duplicates whatever happens to it.
        var leaders = new Dictionary<(string Source, string Key), PendingAdd>();
        var followers = new List<(PendingAdd Follower, PendingAdd Leader)>();
        foreach (var pending in batch)
        {
            if (leaders.TryGetValue(pending.Key, out var leader)) followers.Add((pending, leader));
            else leaders.Add(pending.Key, pending);
        }

        using (var scope = _scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // The cheap path for the common redelivery; the unique index below still settles races with other nodes.
            var existing = ExistingKeys(db, leaders.Keys);
            var fresh = new List<PendingAdd>(leaders.Count);
            foreach (var leader in leaders.Values)
            {
                if (existing.Contains(leader.Key)) leader.Outcome = InboxAddResult.Duplicate;
                else fresh.Add(leader);
            }
            if (fresh.Count > 0) Insert(db, fresh);
        }

        var accepted = leaders.Values.Where(l => l.Outcome == InboxAddResult.Accepted).Select(l => l.Message.Id).ToList();
        if (accepted.Count > 0) Dispatch(accepted);

        foreach (var leader in leaders.Values) leader.Complete(leader.Outcome, leader.Error);
        foreach (var (follower, leader) in followers)
        {
            if (leader.Error is null) _log.LogDebug("Inbox duplicate {Source} {Topic} {DedupeKey} ignored", follower.Message.Source, follower.Message.Topic, follower.Message.DedupeKey);
            follower.Complete(InboxAddResult.Duplicate, leader.Error);
        }
        if (_log.IsEnabled(LogLevel.Debug))
            _log.LogDebug("Inbox batch: {Count} rows, {Accepted} accepted", batch.Count, accepted.Count);
    }

    private static HashSet<(string Source, string Key)> ExistingKeys(AppDbContext db, IEnumerable<(string Source, string Key)> keys)
    {
        var found = new HashSet<(string Source, string Key)>();
        // Per source, so the lookup uses the (Source, DedupeKey) index; a batch rarely holds more than one source.
        foreach (var group in keys.GroupBy(k => k.Source))
        {
            var source = group.Key;
            var dedupeKeys = group.Select(k => k.Key).ToList();
            var stored = db.Inbox.AsNoTracking()
                .Where(m => m.Source == source && dedupeKeys.Contains(m.DedupeKey))
                .Select(m => m.DedupeKey)
                .ToList();
            foreach (var key in stored) found.Add((source, key));
        }
        return found;
    }

    /// <summary>All fresh rows in one transaction; if another node stored one of the keys meanwhile, row by row so only that one is a duplicate.</summary>
    private void Insert(AppDbContext db, List<PendingAdd> fresh)
    {
        db.Inbox.AddRange(fresh.Select(f => f.Message));
        try
        {
            db.SaveChanges();
            foreach (var f in fresh) f.Outcome = InboxAddResult.Accepted;
            return;
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            _log.LogDebug("Inbox batch of {Count} rows met a concurrent writer; inserting row by row", fresh.Count);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        foreach (var f in fresh)
        {
            db.Inbox.Add(f.Message);
            try
            {
                db.SaveChanges();
                f.Outcome = InboxAddResult.Accepted;
            }
            catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
            {
                db.ChangeTracker.Clear();
                var (source, key) = f.Key;
                if (db.Inbox.AsNoTracking().Any(m => m.Source == source && m.DedupeKey == key))
                    f.Outcome = InboxAddResult.Duplicate;
                else
                    f.Error = ex;
            }
            catch (Exception ex)
            {
                f.Error = ex;
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>After the commit and before anyone is answered. A lost dispatch loses nothing: the sweep finds Pending rows.</summary>
    private void Dispatch(IReadOnlyList<Guid> ids)
    {
        try
        {
            _dispatcher.DispatchMany(ids);
        }
        catch (Exception ex)
        {
            _log.LogWarning(ex, "Dispatching {Count} stored inbox rows failed; the sweep will pick them up", ids.Count);
        }
    }

    /// <summary>Takes no more rows and lets the loop finish what is queued.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!Stop()) return;
        await _stopped.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public void Dispose()
    {
        if (Stop()) _stopped.Task.Wait(TimeSpan.FromSeconds(30));
    }

    /// <summary>True when a loop runs and will finish what is queued.</summary>
    private bool Stop()
    {
        lock (_startLock)
        {
            if (!_queue.IsAddingCompleted) _queue.CompleteAdding();
            return _loop is not null;
        }
    }

    private sealed class PendingAdd(InboxMessage message, CancellationToken cancellationToken)
    {
        public InboxMessage Message { get; } = message;
        public CancellationToken CancellationToken { get; } = cancellationToken;
        public (string Source, string Key) Key { get; } = (message.Source, message.DedupeKey);
        // The caller continues on the thread pool, not inside the writer loop.
        public TaskCompletionSource<InboxAddResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public InboxAddResult Outcome { get; set; } = InboxAddResult.Duplicate;
        public Exception? Error { get; set; }

        public void Complete(InboxAddResult outcome, Exception? error)
        {
            if (error is not null) Completion.TrySetException(error);
            else Completion.TrySetResult(outcome);
        }
    }
}
