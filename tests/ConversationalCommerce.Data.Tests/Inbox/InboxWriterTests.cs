using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Domain.Messaging;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Data.Tests.Inbox;

public sealed class InboxWriterTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Same_key_is_accepted_once_then_reported_duplicate(string provider)
    {
        await using var host = await InboxTestHost.CreateAsync(provider);

        var first = await host.AddAsync(InboxTestHost.Message(key: "evt-1"));
        var second = await host.AddAsync(InboxTestHost.Message(key: "evt-1"));

        Assert.Equal(InboxAddResult.Accepted, first);
        Assert.Equal(InboxAddResult.Duplicate, second);
        Assert.Equal(1, await host.QueryAsync(db => db.Inbox.CountAsync()));
        Assert.Single(host.Dispatcher.Dispatched);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Same_key_from_another_source_is_a_different_message(string provider)
    {
        await using var host = await InboxTestHost.CreateAsync(provider);

        Assert.Equal(InboxAddResult.Accepted, await host.AddAsync(InboxTestHost.Message(CountingHandler.SourceName, "k")));
        Assert.Equal(InboxAddResult.Accepted, await host.AddAsync(InboxTestHost.Message(FailingHandler.SourceName, "k")));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Concurrent_adds_of_the_same_key_accept_exactly_one(string provider)
    {
        await using var host = await InboxTestHost.CreateAsync(provider);

        for (var round = 0; round < 5; round++)
        {
            var key = $"race-{round}";
            using var start = new ManualResetEventSlim();
            var tasks = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await host.AddAsync(InboxTestHost.Message(key: key));
            })).ToList();
            start.Set();
            var results = await Task.WhenAll(tasks);

            Assert.Equal(1, results.Count(r => r == InboxAddResult.Accepted));
            Assert.Equal(15, results.Count(r => r == InboxAddResult.Duplicate));
            Assert.Equal(1, await host.QueryAsync(db => db.Inbox.CountAsync(m => m.DedupeKey == key)));
        }
        Assert.Equal(5, host.Dispatcher.Dispatched.Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Accepted_row_is_pending_and_due_at_receipt(string provider)
    {
        await using var host = await InboxTestHost.CreateAsync(provider);
        var message = InboxTestHost.Message();

        await host.AddAsync(message);

        var row = await host.RowAsync(message.Id);
        Assert.Equal(InboxStatus.Pending, row.Status);
        Assert.Equal(0, row.Attempts);
        Assert.Equal(host.Time.GetUtcNow(), row.ReceivedAt);
        Assert.Equal(row.ReceivedAt, row.NextAttemptAt);
    }
}
