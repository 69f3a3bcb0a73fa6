using System.Collections.Concurrent;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Testing;
using Microsoft.EntityFrameworkCore;
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
        Action<InboxOptions>? configure)
    {
        _directory = directory;
        _postgres = postgres;
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Time);
        services.AddAppDatabase(provider, connectionString);
        services.AddInboxStore();
        services.Configure<InboxOptions>(o => configure?.Invoke(o));
        services.AddSingleton<IInboxDispatcher>(Dispatcher);
        services.AddSingleton(Calls);
        services.AddInboxHandler<CountingHandler>();
        services.AddInboxHandler<FailingHandler>();
        Services = services.BuildServiceProvider();
    }

    public static async Task<InboxTestHost> CreateAsync(string provider, Action<InboxOptions>? configure = null)
    {
        InboxTestHost host;
        if (provider == "postgres")
        {
            var db = await PostgresServer.CreateDatabaseAsync();
            host = new InboxTestHost(DatabaseProvider.PostgreSql, db.ConnectionString, null, db, configure);
        }
        else
        {
            var dir = new TestDataDirectory();
            host = new InboxTestHost(DatabaseProvider.Sqlite, dir.SqliteConnectionString, dir, null, configure);
        }
        await using var scope = host.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await context.Database.MigrateAsync();
        if (context.Database.IsSqlite()) await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        return host;
    }

    public InboxProcessor Processor => Services.GetRequiredService<InboxProcessor>();

    public async Task<InboxAddResult> AddAsync(InboxMessage message)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InboxWriter>().TryAddAsync(message, CancellationToken.None);
    }

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

/// <summary>Stands in for the job queue: remembers what was dispatched, and with which delay.</summary>
public sealed class RecordingDispatcher : IInboxDispatcher
{
    public ConcurrentQueue<(Guid Id, TimeSpan Delay)> Dispatched { get; } = new();
    public void Dispatch(Guid inboxMessageId, TimeSpan delay = default) => Dispatched.Enqueue((inboxMessageId, delay));
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
