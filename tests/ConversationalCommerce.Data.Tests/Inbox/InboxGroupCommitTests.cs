using System.Data.Common;
using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Data.Tests.Inbox;

/// <summary>
/// The writer's group commit: rows queued while a commit runs go into the next one. Each test holds the writer in
/// the dispatch of a first row, queues the rows under test, then releases it, so they are committed as one batch.
/// </summary>
public sealed class InboxGroupCommitTests
{
    // Holding "the" writer needs one loop; on PostgreSQL there are several by default.
    private static void OneLoop(InboxOptions o) => o.WriterThreads = 1;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Rows_queued_during_a_commit_share_the_next_one_and_a_repeated_key_is_accepted_once(string provider)
    {
        await using var host = await InboxTestHost.CreateAsync(provider, OneLoop);
        var (gate, held) = await host.HoldWriterAsync();

        var same = Enumerable.Range(0, 10).Select(_ => host.AddAsync(InboxTestHost.Message(key: "same-event"))).ToList();
        var distinct = Enumerable.Range(0, 10).Select(i => host.AddAsync(InboxTestHost.Message(key: $"event-{i}"))).ToList();
        await host.WaitUntilQueuedAsync(20);
        gate.Release();

        Assert.Equal(InboxAddResult.Accepted, await held);
        var sameResults = await Task.WhenAll(same);
        Assert.Equal(1, sameResults.Count(r => r == InboxAddResult.Accepted));
        Assert.Equal(9, sameResults.Count(r => r == InboxAddResult.Duplicate));
        Assert.All(await Task.WhenAll(distinct), r => Assert.Equal(InboxAddResult.Accepted, r));
        Assert.Equal(1, await host.QueryAsync(db => db.Inbox.CountAsync(m => m.DedupeKey == "same-event")));
        Assert.Equal(12, await host.QueryAsync(db => db.Inbox.CountAsync()));
        // One commit, one dispatch of its 11 accepted rows.
        Assert.Equal([1, 11], host.Dispatcher.Groups.Select(g => g.Length));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_batch_holding_a_redelivery_of_a_stored_row_still_accepts_the_others(string provider)
    {
        await using var host = await InboxTestHost.CreateAsync(provider, OneLoop);
        var original = InboxTestHost.Message(key: "delivered-before");
        Assert.Equal(InboxAddResult.Accepted, await host.AddAsync(original));
        var (gate, held) = await host.HoldWriterAsync();

        var redelivery = InboxTestHost.Message(key: "delivered-before");
        var fresh = Enumerable.Range(0, 5).Select(_ => InboxTestHost.Message()).ToList();
        var redeliveryResult = host.AddAsync(redelivery);
        var freshResults = fresh.Select(m => host.AddAsync(m)).ToList();
        await host.WaitUntilQueuedAsync(6);
        gate.Release();
        await held;

        Assert.Equal(InboxAddResult.Duplicate, await redeliveryResult);
        Assert.All(await Task.WhenAll(freshResults), r => Assert.Equal(InboxAddResult.Accepted, r));
        var dispatched = host.Dispatcher.Dispatched.Select(d => d.Id).ToHashSet();
        Assert.DoesNotContain(redelivery.Id, dispatched);
        Assert.All(fresh, m => Assert.Contains(m.Id, dispatched));
        Assert.Equal(original.Id, (await host.QueryAsync(db => db.Inbox.SingleAsync(m => m.DedupeKey == "delivered-before"))).Id);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_key_another_node_stores_between_check_and_insert_is_the_only_duplicate_of_the_batch(string provider)
    {
        var otherNode = new OtherNodeWritesFirst();
        await using var host = await InboxTestHost.CreateAsync(provider, OneLoop, otherNode);
        otherNode.Services = host.Services;
        var (gate, held) = await host.HoldWriterAsync();

        var raced = InboxTestHost.Message(key: "raced");
        var fresh = Enumerable.Range(0, 4).Select(_ => InboxTestHost.Message()).ToList();
        var racedResult = host.AddAsync(raced);
        var freshResults = fresh.Select(m => host.AddAsync(m)).ToList();
        await host.WaitUntilQueuedAsync(5);
        // Passed the existence check (the key is not stored yet), the other node commits it just before our transaction.
        otherNode.Arm(InboxTestHost.Message(key: "raced"));
        gate.Release();
        await held;

        Assert.Equal(InboxAddResult.Duplicate, await racedResult);
        Assert.All(await Task.WhenAll(freshResults), r => Assert.Equal(InboxAddResult.Accepted, r));
        Assert.True(otherNode.Wrote);
        var stored = await host.QueryAsync(db => db.Inbox.SingleAsync(m => m.DedupeKey == "raced"));
        Assert.NotEqual(raced.Id, stored.Id);
        Assert.DoesNotContain(raced.Id, host.Dispatcher.Dispatched.Select(d => d.Id));
        Assert.Equal(6, await host.QueryAsync(db => db.Inbox.CountAsync()));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Nothing_is_dispatched_before_its_row_is_committed(string provider)
    {
        await using var host = await InboxTestHost.CreateAsync(provider, OneLoop);
        var notVisible = 0;
        // A separate connection sees only committed rows.
        host.Dispatcher.Observe = id =>
        {
            using var scope = host.Services.CreateScope();
            if (!scope.ServiceProvider.GetRequiredService<AppDbContext>().Inbox.AsNoTracking().Any(m => m.Id == id))
                Interlocked.Increment(ref notVisible);
        };

        var messages = Enumerable.Range(0, 60).Select(_ => InboxTestHost.Message()).ToList();
        var results = await Task.WhenAll(messages.Select(m => Task.Run(() => host.AddAsync(m))));

        Assert.All(results, r => Assert.Equal(InboxAddResult.Accepted, r));
        Assert.Equal(0, notVisible);
        Assert.Equal(messages.Select(m => m.Id).Order(), host.Dispatcher.Dispatched.Select(d => d.Id).Order());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task When_the_commit_fails_every_caller_of_the_batch_gets_the_error_and_nothing_is_accepted(string provider)
    {
        await using var host = await InboxTestHost.CreateAsync(provider, OneLoop);
        var (gate, held) = await host.HoldWriterAsync();
        await host.ExecuteSqlAsync(host.IsPostgres ? RefuseInsertsPostgres : RefuseInsertsSqlite);

        var messages = Enumerable.Range(0, 6).Select(i => InboxTestHost.Message(key: i < 2 ? "twice" : null)).ToList();
        var adds = messages.Select(m => host.AddAsync(m)).ToList();
        await host.WaitUntilQueuedAsync(6);
        gate.Release();
        await held;

        foreach (var add in adds) await Assert.ThrowsAnyAsync<DbUpdateException>(() => add);
        Assert.Equal(1, await host.QueryAsync(db => db.Inbox.CountAsync()));
        Assert.Single(host.Dispatcher.Dispatched);

        // The writer carries on once the database takes writes again.
        await host.ExecuteSqlAsync(host.IsPostgres ? """DROP TRIGGER inbox_refuse ON "Inbox";""" : "DROP TRIGGER inbox_refuse;");
        Assert.Equal(InboxAddResult.Accepted, await host.AddAsync(messages[0]));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_caller_that_gives_up_while_queued_is_released_and_its_row_is_not_written(string provider)
    {
        await using var host = await InboxTestHost.CreateAsync(provider, OneLoop);
        var (gate, held) = await host.HoldWriterAsync();

        using var cancel = new CancellationTokenSource();
        var abandoned = InboxTestHost.Message();
        var add = host.AddAsync(abandoned, cancel.Token);
        var other = host.AddAsync(InboxTestHost.Message());
        await host.WaitUntilQueuedAsync(2);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => add);
        gate.Release();
        await held;
        Assert.Equal(InboxAddResult.Accepted, await other);
        Assert.False(await host.QueryAsync(db => db.Inbox.AnyAsync(m => m.Id == abandoned.Id)));
        Assert.DoesNotContain(abandoned.Id, host.Dispatcher.Dispatched.Select(d => d.Id));
    }

    private const string RefuseInsertsSqlite = """
        CREATE TRIGGER inbox_refuse BEFORE INSERT ON "Inbox" BEGIN SELECT RAISE(ABORT, 'inbox refuses writes'); END;
        """;

    private const string RefuseInsertsPostgres = """
        CREATE FUNCTION inbox_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'inbox refuses writes'; END $$;
        CREATE TRIGGER inbox_refuse BEFORE INSERT ON "Inbox" FOR EACH ROW EXECUTE FUNCTION inbox_refuse();
        """;

    /// <summary>
    /// Another node's writer: once armed, commits its row on its own connection just before our next write starts
    /// (before the transaction on SQLite, which would hold the write lock; before the INSERT batch on PostgreSQL,
    /// where EF sends one batch without an explicit transaction).
    /// </summary>
    private sealed class OtherNodeWritesFirst : DbTransactionInterceptor, IDbCommandInterceptor
    {
        private InboxMessage? _armed;
        public IServiceProvider? Services { get; set; }
        public bool Wrote { get; private set; }

        public void Arm(InboxMessage message) => Volatile.Write(ref _armed, message);

        // The writer calls the database synchronously from its own thread; the async overloads cover any other caller.
        public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection,
            TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
        {
            WriteFirst();
            return result;
        }

        public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
            TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            WriteFirst();
            return ValueTask.FromResult(result);
        }

        public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            if (IsInboxInsert(command)) WriteFirst();
            return result;
        }

        public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (IsInboxInsert(command)) WriteFirst();
            return ValueTask.FromResult(result);
        }

        private static bool IsInboxInsert(DbCommand command) => command.CommandText.Contains("INSERT INTO \"Inbox\"", StringComparison.Ordinal);

        private void WriteFirst()
        {
            if (Interlocked.Exchange(ref _armed, null) is not { } message) return;
            using var scope = Services!.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            message.ReceivedAt = message.NextAttemptAt = DateTimeOffset.UtcNow;
            db.Inbox.Add(message);
            db.SaveChanges();
            Wrote = true;
        }
    }
}
