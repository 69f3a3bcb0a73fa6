using ConversationalCommerce.Data.Inbox;

namespace ConversationalCommerce.Data.Tests.Inbox;

/// <summary>How many rows one process applies at once: one on SQLite (its one write lock), no limit on server databases, or the setting.</summary>
public sealed class InboxApplyConcurrencyTests
{
    [Theory]
    [InlineData("sqlite", null, 1)]
    [InlineData("sqlite", 0, 4)]
    [InlineData("sqlite", 2, 2)]
    [InlineData("postgres", null, 4)]
    public async Task Rows_applied_at_once_follow_the_provider_default_or_the_setting(string provider, int? setting, int expected)
    {
        await using var host = await InboxTestHost.CreateAsync(provider, o =>
        {
            o.ApplyConcurrency = setting;
            o.ApplyGateWait = TimeSpan.FromMinutes(5);
        });
        var messages = Enumerable.Range(0, 4).Select(_ => InboxTestHost.Message()).ToList();
        foreach (var m in messages) await host.AddAsync(m);
        host.Calls.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var runs = messages.Select(m => Task.Run(() => host.Processor.ProcessAsync(m.Id, CancellationToken.None))).ToList();

        // Handlers hold inside until released: count how many got in.
        for (var i = 0; i < 200 && host.Calls.Handled.Count < expected; i++) await Task.Delay(25);
        Assert.Equal(expected, host.Calls.Handled.Count);
        await Task.Delay(300);
        Assert.Equal(expected, host.Calls.Handled.Count);

        host.Calls.Gate.SetResult();
        var outcomes = await Task.WhenAll(runs).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(outcomes, o => Assert.Equal(InboxProcessOutcome.Done, o));
        Assert.Equal(4, host.Calls.Handled.Count);
    }

    [Fact]
    public async Task A_stuck_handler_holds_the_limit_only_for_the_bounded_wait()
    {
        await using var host = await InboxTestHost.CreateAsync("sqlite", o =>
        {
            o.ApplyConcurrency = 1;
            o.ApplyGateWait = TimeSpan.FromMilliseconds(300);
        });
        var stuck = InboxTestHost.Message();
        var next = InboxTestHost.Message();
        await host.AddAsync(stuck);
        await host.AddAsync(next);
        host.Calls.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = Task.Run(() => host.Processor.ProcessAsync(stuck.Id, CancellationToken.None));
        for (var i = 0; i < 200 && host.Calls.Count(stuck.Id) == 0; i++) await Task.Delay(25);

        var passing = Task.Run(() => host.Processor.ProcessAsync(next.Id, CancellationToken.None));
        for (var i = 0; i < 200 && host.Calls.Count(next.Id) == 0; i++) await Task.Delay(25);
        Assert.Equal(1, host.Calls.Count(next.Id));

        host.Calls.Gate.SetResult();
        Assert.Equal([InboxProcessOutcome.Done, InboxProcessOutcome.Done], await Task.WhenAll(holding, passing).WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
