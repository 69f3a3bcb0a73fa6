using System.Collections.Concurrent;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ConversationalCommerce.Data.Tests.Inbox;

/// <summary>The inbox on a real, migrated database (SQLite file or a fresh PostgreSQL database), without a job queue.</summary>
public sealed class InboxTestHost : IAsyncDisposable
{
    private readonly TestDataDirectory? _directory;
    private readonly TestDatabase? _postgres;

    public ServiceProvider Services { get; }
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    public RecordingDispatcher Dispatcher { get; } = new();
    public HandlerCalls Calls { get; } = new();

    private InboxTestHost(DatabaseProvider provider, string connectionString, TestDataDirectory? directory, TestDatabase? postgres,
        Action<InboxOptions>? configure, IInterceptor[] interceptors)
    {
        _directory = directory;
        _postgres = postgres;
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Time);
        services.AddAppDatabase(provider, connectionString);
        if (interceptors.Length > 0) services.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(interceptors));
        services.AddInboxStore();
        services.Configure<InboxOptions>(o => configure?.Invoke(o));
        services.AddSingleton<IInboxDispatcher>(Dispatcher);
        services.AddSingleton(Calls);
        services.AddInboxHandler<CountingHandler>();
        services.AddInboxHandler<FailingHandler>();
        Services = services.BuildServiceProvider();
    }

    public static async Task<InboxTestHost> CreateAsync(string provider, Action<InboxOptions>? configure = null, params IInterceptor[] interceptors)
    {
        InboxTestHost host;
        if (provider == "postgres")
        {
            var db = await PostgresServer.CreateDatabaseAsync();
            host = new InboxTestHost(DatabaseProvider.PostgreSql, db.ConnectionString, null, db, configure, interceptors);
        }
        else
        {
            var dir = new TestDataDirectory();
            host = new InboxTestHost(DatabaseProvider.Sqlite, dir.SqliteConnectionString, dir, null, configure, interceptors);
        }
        await using var scope = host.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await context.Database.MigrateAsync();
        if (context.Database.IsSqlite()) await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        return host;
    }

    public InboxProcessor Processor => Services.GetRequiredService<InboxProcessor>();
    public InboxWriter Writer => Services.GetRequiredService<InboxWriter>();

    public async Task<InboxAddResult> AddAsync(InboxMessage message, CancellationToken cancellationToken = default)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InboxWriter>().TryAddAsync(message, cancellationToken);
    }

    /// <summary>
    /// Stops the writer inside its next dispatch (after that commit), so whatever is added meanwhile queues up and
    /// goes into one batch. Returns the held add; release with <see cref="DispatchGate.Release"/>.
    /// </summary>
    public async Task<(DispatchGate Gate, Task<InboxAddResult> Held)> HoldWriterAsync()
    {
        var gate = new DispatchGate();
        Dispatcher.Gate = gate;
        var held = AddAsync(Message());
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return (gate, held);
    }

    /// <summary>Waits (bounded) until this many rows are queued behind the held writer.</summary>
    public async Task WaitUntilQueuedAsync(int count)
    {
        for (var i = 0; i < 1000 && Writer.Queued < count; i++) await Task.Delay(10);
        Assert.Equal(count, Writer.Queued);
    }

    public async Task ExecuteSqlAsync(string sql)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync(sql);
    }

    public bool IsPostgres => _postgres is not null;

    public async Task<int> SweepAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InboxSweeper>().SweepAsync(CancellationToken.None);
    }

    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public Task<InboxMessage> RowAsync(Guid id) => QueryAsync(db => db.Inbox.AsNoTracking().SingleAsync(m => m.Id == id));

    public static InboxMessage Message(string source = CountingHandler.SourceName, string? key = null, Guid? shopId = null) => new()
    {
        Source = source,
        Topic = "test/topic",
        DedupeKey = key ?? Guid.NewGuid().ToString("N"),
        ShopId = shopId,
        Body = """{"id":1}""",
    };

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        _directory?.Dispose();
    }
}

/// <summary>Stands in for the job queue: remembers what was dispatched, with which delay, and in which groups.</summary>
public sealed class RecordingDispatcher : IInboxDispatcher
{
    public ConcurrentQueue<(Guid Id, TimeSpan Delay)> Dispatched { get; } = new();
    public ConcurrentQueue<Guid[]> Groups { get; } = new();
    /// <summary>Called with each id as it is dispatched (on the dispatching thread).</summary>
    public Action<Guid>? Observe { get; set; }
    private DispatchGate? _gate;

    /// <summary>One-shot: the next dispatch waits here until released.</summary>
    public DispatchGate? Gate { get => Volatile.Read(ref _gate); set => Volatile.Write(ref _gate, value); }

    public void Dispatch(Guid inboxMessageId, TimeSpan delay = default)
    {
        Hold();
        Observe?.Invoke(inboxMessageId);
        Dispatched.Enqueue((inboxMessageId, delay));
    }

    public void DispatchMany(IReadOnlyList<Guid> inboxMessageIds)
    {
        Hold();
        Groups.Enqueue(inboxMessageIds.ToArray());
        foreach (var id in inboxMessageIds)
        {
            Observe?.Invoke(id);
            Dispatched.Enqueue((id, TimeSpan.Zero));
        }
    }

    private void Hold()
    {
        if (Interlocked.Exchange(ref _gate, null) is not { } gate) return;
        gate.Entered.TrySetResult();
        gate.Released.Task.Wait(TimeSpan.FromSeconds(30));
    }
}

public sealed class DispatchGate
{
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public void Release() => Released.TrySetResult();
}

public sealed class HandlerCalls
{
    public ConcurrentQueue<(Guid Id, Guid ScopeShop)> Handled { get; } = new();
    public int Count(Guid id) => Handled.Count(h => h.Id == id);
    /// <summary>Lets a test hold a handler mid-run.</summary>
    public TaskCompletionSource? Gate { get; set; }
}

public sealed class CountingHandler(HandlerCalls calls, ConversationalCommerce.Data.Scoping.ShopScope scope) : IInboxHandler
{
    public const string SourceName = "test";
    public string Source => SourceName;

    public async Task HandleAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        calls.Handled.Enqueue((message.Id, scope.ShopId));
        if (calls.Gate is { } gate) await gate.Task.WaitAsync(cancellationToken);
    }
}

public sealed class FailingHandler(HandlerCalls calls) : IInboxHandler
{
    public const string SourceName = "failing";
    public string Source => SourceName;

    public Task HandleAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        calls.Handled.Enqueue((message.Id, Guid.Empty));
        throw new InvalidOperationException("The remote side said no.");
    }
}
