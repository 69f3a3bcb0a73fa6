using ConversationalCommerce.Data.Conversations;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Engine.Conversation;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Data.Tests.Conversations;

/// <summary>
/// Turn writes through the conversation store: on SQLite concurrent turns are group-committed by one writer; on
/// PostgreSQL each turn is its own transaction. Either way every turn lands in order with gap-free seqs, a turn's own
/// failure stays its own, and a failed commit acknowledges nothing.
/// </summary>
public sealed class TurnCommitQueueTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_turns_on_many_conversations_are_all_stored_in_order_with_gap_free_seqs(DatabaseProvider provider)
    {
        await using var host = await TurnStoreHost.CreateAsync(provider);
        var conversations = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToArray();

        // Each conversation talks in turn order (like one tab); all conversations at once.
        var results = await Task.WhenAll(conversations.Select(id => Task.Run(async () =>
        {
            var written = new List<TurnWriteResult>();
            for (var turn = 1; turn <= 5; turn++)
                written.Add(await host.Store.AppendTurnAsync(await host.NextTurnAsync(id, $"turn {turn}", $"{id:N}-{turn}"), CancellationToken.None));
            return written;
        })));

        Assert.All(results.SelectMany(r => r), r => Assert.Equal(TurnWriteResult.Saved, r));
        foreach (var id in conversations)
        {
            var (conversation, messages) = await host.StoredAsync(id);
            Assert.NotNull(conversation);
            Assert.Equal(10, conversation.LastSeq);
            Assert.Equal("{\"last\":\"turn 5\"}", conversation.StateJson);
            Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), messages.Select(m => m.Seq));
            Assert.Equal(Enumerable.Range(1, 5).Select(t => $"turn {t}"), messages.Where(m => m.Role == MessageRole.Shopper).Select(m => m.Text));
            Assert.All(messages.Where(m => m.Role == MessageRole.Assistant), m => Assert.Equal("re: " + messages.Single(s => s.Seq == m.Seq - 1).Text, m.Text));
        }
        if (provider == DatabaseProvider.Sqlite) Assert.True(host.Queue.Batches > 0);
        else Assert.Equal(0, host.Queue.Batches);
    }

    [Fact]
    public async Task Turns_waiting_behind_the_write_lock_are_committed_together_in_order()
    {
        await using var host = await TurnStoreHost.CreateAsync(DatabaseProvider.Sqlite);
        var first = Guid.NewGuid();
        var others = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToArray();
        var writes = new List<Task<TurnWriteResult>>();
        await using (await host.HoldWriteLockAsync())
        {
            writes.Add(host.Store.AppendTurnAsync(await host.NextTurnAsync(first, "first"), CancellationToken.None));
            await host.WaitUntilQueuedAsync(0); // the writer took the first turn and waits for the lock
            foreach (var id in others)
                writes.Add(host.Store.AppendTurnAsync(await host.NextTurnAsync(id, "hello"), CancellationToken.None));
            await host.WaitUntilQueuedAsync(others.Length);
            Assert.All(writes, w => Assert.False(w.IsCompleted)); // nothing acknowledged before it is committed
        }

        Assert.All(await Task.WhenAll(writes), r => Assert.Equal(TurnWriteResult.Saved, r));
        Assert.Equal(others.Length, host.Queue.LargestBatch);
        foreach (var id in others.Prepend(first))
            Assert.Equal([1L, 2L], (await host.StoredAsync(id)).Messages.Select(m => m.Seq));
    }

    [Fact]
    public async Task In_one_batch_a_stale_tab_gets_a_conflict_and_a_broken_turn_its_own_error_while_the_others_are_stored()
    {
        await using var host = await TurnStoreHost.CreateAsync(DatabaseProvider.Sqlite);
        var shared = Guid.NewGuid();
        Assert.Equal(TurnWriteResult.Saved, await host.Store.AppendTurnAsync(await host.NextTurnAsync(shared, "hi"), CancellationToken.None));
        var good = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();

        Task<TurnWriteResult> tab1, tab2, broken;
        var fine = new List<Task<TurnWriteResult>>();
        await using (await host.HoldWriteLockAsync())
        {
            var blocker = host.Store.AppendTurnAsync(await host.NextTurnAsync(Guid.NewGuid(), "first"), CancellationToken.None);
            await host.WaitUntilQueuedAsync(0);
            // Two tabs answered on the same version of the thread: only one may win.
            var fromTab1 = await host.NextTurnAsync(shared, "tab one");
            var fromTab2 = await host.NextTurnAsync(shared, "tab two");
            tab1 = host.Store.AppendTurnAsync(fromTab1, CancellationToken.None);
            fine.Add(host.Store.AppendTurnAsync(await host.NextTurnAsync(good[0], "ok"), CancellationToken.None));
            tab2 = host.Store.AppendTurnAsync(fromTab2, CancellationToken.None);
            // A new thread for a customer that does not exist: a foreign key failure of this turn alone.
            broken = host.Store.AppendTurnAsync(await host.NextTurnAsync(Guid.NewGuid(), "broken", customerId: Guid.NewGuid()), CancellationToken.None);
            foreach (var id in good.Skip(1))
                fine.Add(host.Store.AppendTurnAsync(await host.NextTurnAsync(id, "ok"), CancellationToken.None));
            await host.WaitUntilQueuedAsync(3 + good.Length);
            fine.Add(blocker);
        }

        Assert.Equal(TurnWriteResult.Saved, await tab1);
        Assert.Equal(TurnWriteResult.Conflict, await tab2);
        await Assert.ThrowsAsync<DbUpdateException>(() => broken);
        Assert.All(await Task.WhenAll(fine), r => Assert.Equal(TurnWriteResult.Saved, r));

        var (conversation, messages) = await host.StoredAsync(shared);
        Assert.Equal(4, conversation!.LastSeq);
        Assert.Equal(["hi", "tab one"], messages.Where(m => m.Role == MessageRole.Shopper).Select(m => m.Text));
        await using var ctx = host.Db.Context(host.ShopId);
        Assert.False(await ctx.Messages.AnyAsync(m => m.Text == "broken"));
        foreach (var id in good) Assert.Equal(2, (await host.StoredAsync(id)).Messages.Count);
    }

    [Fact]
    public async Task A_batch_whose_commit_fails_fails_every_turn_in_it_and_stores_none()
    {
        await using var host = await TurnStoreHost.CreateAsync(DatabaseProvider.Sqlite);
        var ids = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToArray();
        var writes = new List<Task<TurnWriteResult>>();
        host.Commits.Armed = true;
        await using (await host.HoldWriteLockAsync())
        {
            writes.Add(host.Store.AppendTurnAsync(await host.NextTurnAsync(Guid.NewGuid(), "first"), CancellationToken.None));
            await host.WaitUntilQueuedAsync(0);
            foreach (var id in ids)
                writes.Add(host.Store.AppendTurnAsync(await host.NextTurnAsync(id, "hello", $"x-{id:N}"), CancellationToken.None));
            await host.WaitUntilQueuedAsync(ids.Length);
        }

        foreach (var write in writes.Skip(1))
        {
            var error = await Assert.ThrowsAsync<TurnCommitException>(() => write);
            Assert.IsType<InvalidDataException>(error.InnerException);
        }
        await Assert.ThrowsAnyAsync<Exception>(() => writes[0]);
        foreach (var id in ids)
        {
            var (conversation, messages) = await host.StoredAsync(id);
            Assert.Null(conversation);
            Assert.Empty(messages);
        }

        // The writer carries on: the same turns, retried, are stored.
        host.Commits.Armed = false;
        foreach (var id in ids)
            Assert.Equal(TurnWriteResult.Saved, await host.Store.AppendTurnAsync(await host.NextTurnAsync(id, "hello", $"x-{id:N}"), CancellationToken.None));
        Assert.Equal(2, (await host.StoredAsync(ids[0])).Messages.Count);
    }

    [Fact]
    public async Task A_repeated_external_id_in_one_batch_is_a_duplicate_and_stored_once()
    {
        await using var host = await TurnStoreHost.CreateAsync(DatabaseProvider.Sqlite);
        var id = Guid.NewGuid();
        var other = Guid.NewGuid();
        Task<TurnWriteResult> original, repeat;
        await using (await host.HoldWriteLockAsync())
        {
            var blocker = host.Store.AppendTurnAsync(await host.NextTurnAsync(Guid.NewGuid(), "first"), CancellationToken.None);
            await host.WaitUntilQueuedAsync(0);
            original = host.Store.AppendTurnAsync(await host.NextTurnAsync(id, "gift for dad", "client-1"), CancellationToken.None);
            // The same client message id delivered again (another tab's retry) on a different thread version.
            repeat = host.Store.AppendTurnAsync(await host.NextTurnAsync(other, "gift for dad", "client-1"), CancellationToken.None);
            await host.WaitUntilQueuedAsync(2);
            _ = blocker;
        }

        Assert.Equal(TurnWriteResult.Saved, await original);
        Assert.Equal(TurnWriteResult.Duplicate, await repeat);
        Assert.Equal(2, (await host.StoredAsync(id)).Messages.Count);
        Assert.Null((await host.StoredAsync(other)).Conversation);
    }

    [Fact]
    public async Task A_turn_cancelled_while_it_waits_is_not_written()
    {
        await using var host = await TurnStoreHost.CreateAsync(DatabaseProvider.Sqlite);
        var id = Guid.NewGuid();
        using var cancel = new CancellationTokenSource();
        Task<TurnWriteResult> cancelled;
        await using (await host.HoldWriteLockAsync())
        {
            var blocker = host.Store.AppendTurnAsync(await host.NextTurnAsync(Guid.NewGuid(), "first"), CancellationToken.None);
            await host.WaitUntilQueuedAsync(0);
            cancelled = host.Store.AppendTurnAsync(await host.NextTurnAsync(id, "never mind"), cancel.Token);
            await host.WaitUntilQueuedAsync(1);
            await cancel.CancelAsync();
            _ = blocker;
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Null((await host.StoredAsync(id)).Conversation);
    }

    [Fact]
    public async Task Rows_written_by_the_batch_writer_are_stored_exactly_as_ef_stores_them()
    {
        await using var host = await TurnStoreHost.CreateAsync(DatabaseProvider.Sqlite);
        var customer = new ConversationalCommerce.Domain.Customers.Customer { ShopId = host.ShopId, Email = "rows@example.com" };
        await using (var ctx = host.Db.Context(host.ShopId))
        {
            ctx.Customers.Add(customer);
            await ctx.SaveChangesAsync();
        }
        var queued = Guid.NewGuid();
        var byEf = Guid.NewGuid();
        // The same turn (first, then a follow-up that updates the thread) through the queue's writer and through SaveChanges.
        for (var turn = 1; turn <= 2; turn++)
        {
            Assert.Equal(TurnWriteResult.Saved, await host.Store.AppendTurnAsync(await host.NextTurnAsync(queued, $"turn {turn}", $"q-{turn}", customer.Id), CancellationToken.None));
            var write = await host.NextTurnAsync(byEf, $"turn {turn}", $"e-{turn}", customer.Id);
            await using var ctx = host.Db.Context(host.ShopId);
            if (write.IsNew) ctx.Conversations.Add(write.Conversation);
            else
            {
                var entry = ctx.Conversations.Attach(write.Conversation);
                entry.State = EntityState.Modified;
                entry.Property(c => c.Version).OriginalValue = write.ExpectedVersion;
            }
            ctx.Messages.AddRange(write.Shopper, write.Assistant!);
            await ctx.SaveChangesAsync();
        }

        var fromQueue = await host.RawRowsAsync(queued);
        var fromEf = await host.RawRowsAsync(byEf);
        Assert.Equal(5, fromQueue.Count); // the thread and four messages
        Assert.Equal(fromEf.Count, fromQueue.Count);
        string[] differ = ["Id", "ConversationId", "ExternalId", "Version", "StartedAt", "LastMessageAt", "CreatedAt"];
        for (var i = 0; i < fromEf.Count; i++)
        {
            Assert.Equal(fromEf[i].Keys, fromQueue[i].Keys);
            foreach (var column in fromEf[i].Keys)
            {
                // Storage class (TEXT, INTEGER, ...) is always the same; values too, except ids and times of their own.
                Assert.Equal(fromEf[i][column].Type, fromQueue[i][column].Type);
                if (!differ.Contains(column)) Assert.Equal(fromEf[i][column].Value, fromQueue[i][column].Value);
            }
        }
    }
}
