using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Domain.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Data.Tests.Inbox;

public sealed class InboxProcessorTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Handled_row_is_done_and_never_handled_again(string provider)
    {
        await using var host = await InboxTestHost.CreateAsync(provider);
        var message = InboxTestHost.Message();
        await host.AddAsync(message);

        var first = await host.Processor.ProcessAsync(message.Id, CancellationToken.None);
        var again = await host.Processor.ProcessAsync(message.Id, CancellationToken.None);

        Assert.Equal(InboxProcessOutcome.Done, first);
        Assert.Equal(InboxProcessOutcome.NotClaimed, again);
        Assert.Equal(1, host.Calls.Count(message.Id));
        var row = await host.RowAsync(message.Id);
        Assert.Equal(InboxStatus.Done, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.Error);
        Assert.Null(row.LeaseExpiresAt);
        Assert.Equal(host.Time.GetUtcNow(), row.ProcessedAt);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Concurrent_workers_on_one_row_run_the_handler_once(string provider)
    {
        await using var host = await InboxTestHost.CreateAsync(provider);
        var message = InboxTestHost.Message();
        await host.AddAsync(message);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => host.Processor.ProcessAsync(message.Id, CancellationToken.None))));

        Assert.Equal(1, outcomes.Count(o => o == InboxProcessOutcome.Done));
        Assert.Equal(7, outcomes.Count(o => o == InboxProcessOutcome.NotClaimed));
        Assert.Equal(1, host.Calls.Count(message.Id));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Failing_handler_is_retried_with_growing_backoff_then_left_failed(string provider)
    {
        await using var host = await InboxTestHost.CreateAsync(provider, o =>
        {
            o.MaxAttempts = 3;
            o.BaseBackoff = TimeSpan.FromSeconds(10);
        });
        var message = InboxTestHost.Message(FailingHandler.SourceName);
        await host.AddAsync(message);
        host.Dispatcher.Dispatched.Clear();

        Assert.Equal(InboxProcessOutcome.RetryScheduled, await host.Processor.ProcessAsync(message.Id, CancellationToken.None));
        var afterFirst = await host.RowAsync(message.Id);
        Assert.Equal(InboxStatus.Pending, afterFirst.Status);
        Assert.Equal(1, afterFirst.Attempts);
        Assert.Contains("The remote side said no.", afterFirst.Error);
        Assert.Equal(host.Time.GetUtcNow() + TimeSpan.FromSeconds(10), afterFirst.NextAttemptAt);
        Assert.Equal((message.Id, TimeSpan.FromSeconds(10)), Assert.Single(host.Dispatcher.Dispatched));

        // Not due yet: a stray early dispatch does nothing.
        Assert.Equal(InboxProcessOutcome.NotClaimed, await host.Processor.ProcessAsync(message.Id, CancellationToken.None));

        host.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(InboxProcessOutcome.RetryScheduled, await host.Processor.ProcessAsync(message.Id, CancellationToken.None));
        Assert.Equal(TimeSpan.FromSeconds(20), host.Dispatcher.Dispatched.Last().Delay);

        host.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(InboxProcessOutcome.Failed, await host.Processor.ProcessAsync(message.Id, CancellationToken.None));

        var row = await host.RowAsync(message.Id);
        Assert.Equal(InboxStatus.Failed, row.Status);
        Assert.Equal(3, row.Attempts);
        Assert.Contains("InvalidOperationException", row.Error);
        Assert.Equal(3, host.Calls.Count(message.Id));
        Assert.Equal(2, host.Dispatcher.Dispatched.Count);

        // Failed rows wait for a person: neither the sweep nor a stray job picks them up.
        host.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await host.SweepAsync());
        Assert.Equal(InboxProcessOutcome.NotClaimed, await host.Processor.ProcessAsync(message.Id, CancellationToken.None));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Row_of_a_shop_is_handled_with_that_shop_in_scope(string provider)
    {
        await using var host = await InboxTestHost.CreateAsync(provider);
        var shop = new Shop { Domain = "scoped.myshopify.com" };
        await host.QueryAsync(async db => { db.Shops.Add(shop); return await db.SaveChangesAsync(); });
        var message = InboxTestHost.Message(shopId: shop.Id);
        await host.AddAsync(message);

        await host.Processor.ProcessAsync(message.Id, CancellationToken.None);

        Assert.Equal(shop.Id, Assert.Single(host.Calls.Handled).ScopeShop);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Row_without_a_handler_for_its_source_fails_after_its_attempts(string provider)
    {
        await using var host = await InboxTestHost.CreateAsync(provider, o => { o.MaxAttempts = 1; });
        var message = InboxTestHost.Message("nobody-handles-this");
        await host.AddAsync(message);

        Assert.Equal(InboxProcessOutcome.Failed, await host.Processor.ProcessAsync(message.Id, CancellationToken.None));
        Assert.Contains("No inbox handler", (await host.RowAsync(message.Id)).Error);
    }
}
