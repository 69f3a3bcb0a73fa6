using System.Collections.Concurrent;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.App.Tests.Inbox;

/// <summary>The inbox inside the real app: Hangfire jobs on the "inbox" queue, the start-up sweep, retries.</summary>
public sealed class InboxPipelineTests
{
    [Fact]
    public async Task Accepted_row_is_processed_by_the_inbox_job()
    {
        using var app = Create(new AppFactory());
        var message = Message(PipelineTestHandler.SourceName);

        Assert.Equal(InboxAddResult.Accepted, await AddAsync(app, message));

        var row = await WaitForStatusAsync(app, message.Id, InboxStatus.Done);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(1, app.Services.GetRequiredService<PipelineCalls>().Count(message.Id));
    }

    [Fact]
    public async Task Failing_handler_is_retried_by_scheduled_jobs_then_marked_failed()
    {
        using var app = Create(new AppFactory()
            .WithSetting("Inbox:MaxAttempts", "3")
            .WithSetting("Inbox:BaseBackoff", "00:00:00.200"));
        var message = Message(PipelineFailingHandler.SourceName);

        await AddAsync(app, message);

        var row = await WaitForStatusAsync(app, message.Id, InboxStatus.Failed, TimeSpan.FromSeconds(30));
        Assert.Equal(3, row.Attempts);
        Assert.Contains("always fails", row.Error);
        Assert.Equal(3, app.Services.GetRequiredService<PipelineCalls>().Count(message.Id));
    }

    [Fact]
    public async Task Row_left_processing_by_a_crashed_process_is_finished_after_restart()
    {
        using var data = new TestDataDirectory();
        var message = Message(PipelineTestHandler.SourceName);
        using (var before = Create(new AppFactory().WithSetting("ConnectionStrings:Default", data.SqliteConnectionString)))
        {
            await using var scope = before.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // As a dead worker leaves it: claimed, lease already lapsed, never finished.
            message.Status = InboxStatus.Processing;
            message.Attempts = 1;
            message.ReceivedAt = message.NextAttemptAt = DateTimeOffset.UtcNow.AddMinutes(-10);
            message.LeaseExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-5);
            db.Inbox.Add(message);
            await db.SaveChangesAsync();
        }

        using var after = Create(new AppFactory().WithSetting("ConnectionStrings:Default", data.SqliteConnectionString));
        _ = after.Services; // starts the host: migrations, then the start-up sweep

        var row = await WaitForStatusAsync(after, message.Id, InboxStatus.Done);
        Assert.Equal(2, row.Attempts);
    }

    [Fact]
    public async Task Recurring_sweep_dispatches_a_pending_row_whose_job_was_lost()
    {
        using var app = Create(new AppFactory().WithSetting("Inbox:SweepPendingAfter", "00:00:00"));
        var message = Message(PipelineTestHandler.SourceName);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Written straight to the table: no job was ever enqueued for it.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            message.ReceivedAt = message.NextAttemptAt = DateTimeOffset.UtcNow.AddSeconds(-1);
            db.Inbox.Add(message);
            await db.SaveChangesAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<App.Inbox.InboxSweepJob>().RunAsync(CancellationToken.None);

        await WaitForStatusAsync(app, message.Id, InboxStatus.Done);
    }

    [Fact]
    public async Task Rows_dispatched_together_are_each_processed_once_and_a_failing_one_holds_up_none()
    {
        using var app = Create(new AppFactory().WithSetting("Inbox:MaxAttempts", "1").WithSetting("Inbox:MaxRowsPerJob", "4"));
        var messages = Enumerable.Range(0, 18).Select(i => Message(i == 5 ? PipelineFailingHandler.SourceName : PipelineTestHandler.SourceName)).ToList();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Stored as one commit stores them, then handed to the job queue as one group (5 jobs of up to 4 rows).
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            foreach (var m in messages) m.ReceivedAt = m.NextAttemptAt = DateTimeOffset.UtcNow;
            db.Inbox.AddRange(messages);
            await db.SaveChangesAsync();
        }

        app.Services.GetRequiredService<IInboxDispatcher>().DispatchMany(messages.Select(m => m.Id).ToList());

        var calls = app.Services.GetRequiredService<PipelineCalls>();
        foreach (var m in messages)
        {
            var failing = m.Source == PipelineFailingHandler.SourceName;
            await WaitForStatusAsync(app, m.Id, failing ? InboxStatus.Failed : InboxStatus.Done);
            Assert.Equal(1, calls.Count(m.Id));
        }
    }

    [Fact]
    public async Task Concurrent_webhooks_through_the_writer_are_all_processed()
    {
        using var app = Create(new AppFactory());
        _ = app.Services; // start the host once, before the concurrent callers (the factory's lazy start is not thread-safe)
        var messages = Enumerable.Range(0, 40).Select(_ => Message(PipelineTestHandler.SourceName)).ToList();

        var results = await Task.WhenAll(messages.Select(m => Task.Run(() => AddAsync(app, m))));

        Assert.All(results, r => Assert.Equal(InboxAddResult.Accepted, r));
        var calls = app.Services.GetRequiredService<PipelineCalls>();
        foreach (var m in messages)
        {
            await WaitForStatusAsync(app, m.Id, InboxStatus.Done);
            Assert.Equal(1, calls.Count(m.Id));
        }
    }

    private static WebApplicationFactory<Program> Create(AppFactory factory) =>
        factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<PipelineCalls>();
            s.AddInboxHandler<PipelineTestHandler>();
            s.AddInboxHandler<PipelineFailingHandler>();
        }));

    private static InboxMessage Message(string source) => new()
    {
        Source = source,
        Topic = "test/topic",
        DedupeKey = Guid.NewGuid().ToString("N"),
        Body = "{}",
    };

    private static async Task<InboxAddResult> AddAsync(WebApplicationFactory<Program> app, InboxMessage message)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InboxWriter>().TryAddAsync(message, CancellationToken.None);
    }

    internal static async Task<InboxMessage> WaitForStatusAsync(WebApplicationFactory<Program> app, Guid id, InboxStatus status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        InboxMessage? row = null;
        while (DateTime.UtcNow < deadline)
        {
            await using var scope = app.Services.CreateAsyncScope();
            row = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Inbox.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id);
            if (row?.Status == status) return row;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"Inbox row {id} is {row?.Status} (attempts {row?.Attempts}, error {row?.Error}), expected {status}.");
    }
}

public sealed class PipelineCalls
{
    private readonly ConcurrentQueue<Guid> _ids = new();
    public void Add(Guid id) => _ids.Enqueue(id);
    public int Count(Guid id) => _ids.Count(i => i == id);
}

public sealed class PipelineTestHandler(PipelineCalls calls) : IInboxHandler
{
    public const string SourceName = "pipeline-test";
    public string Source => SourceName;
    public Task HandleAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        calls.Add(message.Id);
        return Task.CompletedTask;
    }
}

public sealed class PipelineFailingHandler(PipelineCalls calls) : IInboxHandler
{
    public const string SourceName = "pipeline-failing";
    public string Source => SourceName;
    public Task HandleAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        calls.Add(message.Id);
        throw new InvalidOperationException("This handler always fails.");
    }
}
