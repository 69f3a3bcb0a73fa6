using System.Threading.Channels;
using ConversationalCommerce.Engine.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Data.Conversations;

/// <summary>
/// Group commit of turn writes for SQLite, which has one writer at a time: instead of every turn waiting for the
/// write lock (SQLite's busy handler sleeps in 1–100 ms steps), one writer drains the queue and writes all waiting
/// turns in one transaction, each turn in its own savepoint with its own result (saved, conflict, duplicate or its own
/// error). A turn's task completes only after the transaction committed, so nothing is acknowledged that is not
/// stored; if the commit fails, every turn of the batch fails with a <see cref="TurnCommitException"/>.
/// The rows are written by a <see cref="SqliteTurnWriter"/> that the loop keeps between batches (one open connection,
/// prepared statements) instead of a new context and SaveChanges per turn.
/// </summary>
public sealed class TurnCommitQueue(IServiceScopeFactory scopes, ActiveDatabase database, IOptions<TurnCommitOptions> options, ILogger<TurnCommitQueue> log)
    : IAsyncDisposable
{
    private readonly Channel<PendingTurn> _queue = Channel.CreateUnbounded<PendingTurn>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private Task? _writer;
    private int _waiting;
    private int _largestBatch;
    private long _batches;
    private SqliteTurnWriter? _turnWriter; // used by the write loop only

    /// <summary>Turn writes queued and not yet picked up by the writer.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Most turns the writer has put in one transaction so far (diagnostics).</summary>
    public int LargestBatch => Volatile.Read(ref _largestBatch);

    /// <summary>Transactions (batches) written so far (diagnostics).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>True when configured on and the database is SQLite (server databases take concurrent writers).</summary>
    public bool Enabled { get; } = options.Value.Enabled && database.IsSqlite;

    /// <summary>Queues the turn and completes once its batch committed (or with the turn's own outcome).</summary>
    public Task<TurnWriteResult> AppendAsync(TurnWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingTurn(write, cancellationToken);
        Interlocked.Increment(ref _waiting);
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _waiting);
            throw new ObjectDisposedException(nameof(TurnCommitQueue), "The app is shutting down.");
        }
        EnsureWriter();
        return pending.Completion.Task;
    }

    private void EnsureWriter()
    {
        if (_writer is not null) return;
        lock (_gate) _writer ??= Task.Run(WriteLoopAsync);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingTurn>();
        var max = Math.Max(1, options.Value.MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < max && _queue.Reader.TryRead(out var pending))
            {
                Interlocked.Decrement(ref _waiting);
                // A turn given up before its write started is not written at all.
                if (pending.CancellationToken.IsCancellationRequested) pending.Completion.TrySetCanceled(pending.CancellationToken);
                else batch.Add(pending);
            }
            if (batch.Count == 0) continue;
            Interlocked.Increment(ref _batches);
            if (batch.Count > _largestBatch) Volatile.Write(ref _largestBatch, batch.Count);
            try
            {
                await CommitAsync(batch).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                log.LogError(e, "A batch of {Count} turn writes failed to commit; none of them is stored", batch.Count);
                foreach (var pending in batch)
                    pending.Completion.TrySetException(new TurnCommitException(pending.Write.Conversation.Id, e));
            }
        }
    }

    private async Task CommitAsync(List<PendingTurn> batch)
    {
        var writer = _turnWriter ??= await SqliteTurnWriter.OpenAsync(scopes).ConfigureAwait(false);
        var outcomes = new Outcome[batch.Count];
        try
        {
            await using var transaction = await writer.Context.Database.BeginTransactionAsync().ConfigureAwait(false);
            var dbTransaction = transaction.GetDbTransaction();
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes[i] = Attempt(writer, batch[i], dbTransaction);
                // Some SQLite errors (I/O, full disk) roll back the whole transaction: then the batch cannot commit.
                if (outcomes[i].Error is { } error && !writer.InTransaction) throw error;
            }
            await transaction.CommitAsync().ConfigureAwait(false);
        }
        catch
        {
            // The next batch starts on a fresh context and connection, whatever state this failure left behind.
            _turnWriter = null;
            await writer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        for (var i = 0; i < batch.Count; i++) Complete(batch[i], outcomes[i]);
    }

    private static Outcome Attempt(SqliteTurnWriter writer, PendingTurn pending, System.Data.Common.DbTransaction transaction)
    {
        try
        {
            return new Outcome(writer.Write(pending.Write, transaction), null);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
        {
            // This turn's own failure (e.g. a foreign key or a cross-shop write); its savepoint was rolled back.
            return new Outcome(default, e);
        }
    }

    private static void Complete(PendingTurn pending, Outcome outcome)
    {
        if (outcome.Error is { } error) pending.Completion.TrySetException(error);
        else pending.Completion.TrySetResult(outcome.Result);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is { } writer) await writer.ConfigureAwait(false);
        if (_turnWriter is { } turnWriter) await turnWriter.DisposeAsync().ConfigureAwait(false);
    }

    private readonly record struct Outcome(TurnWriteResult Result, Exception? Error);

    private sealed class PendingTurn(TurnWrite write, CancellationToken cancellationToken)
    {
        public TurnWrite Write { get; } = write;
        public CancellationToken CancellationToken { get; } = cancellationToken;
        public TaskCompletionSource<TurnWriteResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
