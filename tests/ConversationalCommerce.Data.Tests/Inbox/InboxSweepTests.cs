using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Domain.Messaging;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Data.Tests.Inbox;

public sealed class InboxSweepTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Processing_row_with_expired_lease_is_picked_up_by_the_sweep_and_finished(string provider)
    {
        await using var host = await InboxTestHost.CreateAsync(provider, o => o.Lease = TimeSpan.FromMinutes(5));
        var message = InboxTestHost.Message();
        await host.AddAsync(message);

        // A worker claims the row, then the process dies mid-handler (the claim is never finished).
        host.Calls.Gate = new TaskCompletionSource();
        using var crash = new CancellationTokenSource();
        var dying = host.Processor.ProcessAsync(message.Id, crash.Token);
        await WaitUntilAsync(() => host.Calls.Count(message.Id) == 1);
        Assert.Equal(InboxStatus.Processing, (await host.RowAsync(message.Id)).Status);
        host.Dispatcher.Dispatched.Clear();

        // While the lease holds, nobody else takes the row.
        host.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, await host.SweepAsync());
        Assert.Equal(InboxProcessOutcome.NotClaimed, await host.Processor.ProcessAsync(message.Id, CancellationToken.None));

        host.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await host.SweepAsync());
        var (swept, _) = Assert.Single(host.Dispatcher.Dispatched);
        Assert.Equal(message.Id, swept);

        host.Calls.Gate = null;
        Assert.Equal(InboxProcessOutcome.Done, await host.Processor.ProcessAsync(swept, CancellationToken.None));
        var row = await host.RowAsync(message.Id);
        Assert.Equal(InboxStatus.Done, row.Status);
        Assert.Equal(2, row.Attempts);

        // The dead worker's late finish cannot overwrite its successor's result.
        crash.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying);
        Assert.Equal(InboxStatus.Done, (await host.RowAsync(message.Id)).Status);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Pending_rows_are_swept_only_once_their_dispatch_looks_lost(string provider)
    {
        await using var host = await InboxTestHost.CreateAsync(provider, o => o.SweepPendingAfter = TimeSpan.FromSeconds(10));
        var old = InboxTestHost.Message();
        await host.AddAsync(old);
        host.Time.Advance(TimeSpan.FromSeconds(8));
        var fresh = InboxTestHost.Message();
        await host.AddAsync(fresh);
        var done = InboxTestHost.Message();
        await host.AddAsync(done);
        await host.Processor.ProcessAsync(done.Id, CancellationToken.None);
        host.Dispatcher.Dispatched.Clear();

        host.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(1, await host.SweepAsync());
        Assert.Equal(old.Id, Assert.Single(host.Dispatcher.Dispatched).Id);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Row_whose_workers_keep_dying_ends_failed_without_running_again(string provider)
    {
        await using var host = await InboxTestHost.CreateAsync(provider, o => { o.MaxAttempts = 2; o.Lease = TimeSpan.FromMinutes(1); });
        var message = InboxTestHost.Message();
        await host.AddAsync(message);
        await host.QueryAsync(db => db.Inbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, InboxStatus.Processing)
            .SetProperty(m => m.Attempts, 2)
            .SetProperty(m => m.LeaseExpiresAt, host.Time.GetUtcNow() - TimeSpan.FromSeconds(1))));

        Assert.Equal(InboxProcessOutcome.Failed, await host.Processor.ProcessAsync(message.Id, CancellationToken.None));
        Assert.Equal(0, host.Calls.Count(message.Id));
        Assert.Equal(InboxStatus.Failed, (await host.RowAsync(message.Id)).Status);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition());
    }
}
