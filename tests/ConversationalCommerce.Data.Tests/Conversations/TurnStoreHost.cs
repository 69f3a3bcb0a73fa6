using ConversationalCommerce.Data.Conversations;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Conversation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Data.Tests.Conversations;

/// <summary>
/// The conversation store as the app registers it, on a migrated database of one provider, with one shop. Turns are
/// written the way ConversationService writes them (read the thread, next two seqs, new version).
/// </summary>
public sealed class TurnStoreHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TurnStoreHost(TestDb db, ServiceProvider services, Guid shopId, FailingCommits commits)
    {
        Db = db;
        _services = services;
        ShopId = shopId;
        Commits = commits;
    }

    public TestDb Db { get; }
    public Guid ShopId { get; }
    public IConversationStore Store => _services.GetRequiredService<IConversationStore>();
    public TurnCommitQueue Queue => _services.GetRequiredService<TurnCommitQueue>();

    /// <summary>Fails every commit while armed: a database that refuses the batch's transaction.</summary>
    public FailingCommits Commits { get; }

    public static async Task<TurnStoreHost> CreateAsync(DatabaseProvider provider, int maxBatch = 256)
    {
        var db = await TestDb.CreateAsync(provider);
        var commits = new FailingCommits();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddAppDatabase(provider, db.ConnectionString);
        services.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(commits));
        services.AddDatabaseConversationStore();
        services.Configure<TurnCommitOptions>(o => o.MaxBatch = maxBatch);
        var shop = new Shop { Domain = $"turns-{Guid.NewGuid():N}.myshopify.com", Name = "Turns" };
        await using (var ctx = db.Context())
        {
            ctx.Shops.Add(shop);
            await ctx.SaveChangesAsync();
        }
        return new TurnStoreHost(db, services.BuildServiceProvider(), shop.Id, commits);
    }

    /// <summary>The write of one turn on the thread as it is stored now (a new thread when there is none).</summary>
    public async Task<TurnWrite> NextTurnAsync(Guid conversationId, string text, string? externalId = null, Guid? customerId = null)
    {
        var start = await Store.BeginTurnAsync(ShopId, conversationId, Channel.Widget, externalId, 20, CancellationToken.None);
        var conversation = start.Snapshot?.Conversation ?? new Conversation
        {
            Id = conversationId, ShopId = ShopId, CustomerId = customerId, StartedAt = DateTimeOffset.UtcNow,
            LastMessageAt = DateTimeOffset.UtcNow, LastChannel = Channel.Widget, StateJson = "{}",
        };
        var expected = conversation.Version;
        var now = DateTimeOffset.UtcNow;
        var shopper = new Message
        {
            ShopId = ShopId, ConversationId = conversationId, Seq = conversation.LastSeq + 1, Role = MessageRole.Shopper,
            Channel = Channel.Widget, Text = text, ExternalId = externalId, CreatedAt = now,
        };
        var assistant = new Message
        {
            ShopId = ShopId, ConversationId = conversationId, Seq = conversation.LastSeq + 2, Role = MessageRole.Assistant,
            Channel = Channel.Widget, Text = "re: " + text, PayloadJson = "{\"text\":\"re\"}", CreatedAt = now,
        };
        conversation.LastSeq += 2;
        conversation.StateJson = $"{{\"last\":\"{text}\"}}";
        conversation.LastMessageAt = now;
        conversation.Version = Guid.NewGuid();
        return new TurnWrite(conversation, start.Snapshot is null, expected, shopper, assistant);
    }

    public async Task<(Conversation? Conversation, List<Message> Messages)> StoredAsync(Guid conversationId)
    {
        await using var ctx = Db.Context(ShopId);
        var conversation = await ctx.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId);
        var messages = await ctx.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.Seq).ToListAsync();
        return (conversation, messages);
    }

    /// <summary>
    /// The thread's row and its messages' rows as SQLite stores them, column by column: each value as text with its
    /// storage class (typeof), read past EF so nothing is converted on the way.
    /// </summary>
    public async Task<List<Dictionary<string, (string Type, string? Value)>>> RawRowsAsync(Guid conversationId)
    {
        var rows = new List<Dictionary<string, (string Type, string? Value)>>();
        await using var connection = new SqliteConnection(Db.ConnectionString);
        await connection.OpenAsync();
        foreach (var (table, key) in new[] { ("Conversations", "Id"), ("Messages", "ConversationId") })
        {
            await using var columns = connection.CreateCommand();
            columns.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid";
            var names = new List<string>();
            await using (var reader = await columns.ExecuteReaderAsync())
                while (await reader.ReadAsync()) names.Add(reader.GetString(0));
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT {string.Join(", ", names.Select(n => $"typeof(\"{n}\"), CAST(\"{n}\" AS TEXT)"))} FROM \"{table}\" " +
                                 $"WHERE \"{key}\" = $id ORDER BY {(table == "Messages" ? "\"Seq\"" : "1")}";
            select.Parameters.AddWithValue("$id", conversationId.ToString().ToUpperInvariant());
            await using var rowsReader = await select.ExecuteReaderAsync();
            while (await rowsReader.ReadAsync())
                rows.Add(names.Select((n, i) => (n, Type: rowsReader.GetString(2 * i), Value: rowsReader.IsDBNull(2 * i + 1) ? null : rowsReader.GetString(2 * i + 1)))
                    .ToDictionary(x => x.n, x => (x.Type, x.Value)));
        }
        return rows;
    }

    /// <summary>
    /// Holds SQLite's write lock from another connection until disposed, so the queue's writer waits on its first
    /// batch while the next turns pile up behind it (a deterministic batch).
    /// </summary>
    public async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection(Db.ConnectionString);
        await connection.OpenAsync();
        await using (var begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();
        }
        return new WriteLock(connection);
    }

    /// <summary>Waits (bounded) until exactly <paramref name="count"/> turn writes wait in the queue (0: the writer took them).</summary>
    public async Task WaitUntilQueuedAsync(int count)
    {
        for (var i = 0; i < 500 && Queue.Waiting != count; i++) await Task.Delay(10);
        Assert.Equal(count, Queue.Waiting);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Db.DisposeAsync();
    }

    private sealed class WriteLock(SqliteConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (var rollback = connection.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK;";
                await rollback.ExecuteNonQueryAsync();
            }
            await connection.DisposeAsync();
        }
    }

    public sealed class FailingCommits : DbTransactionInterceptor
    {
        public volatile bool Armed;

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(System.Data.Common.DbTransaction transaction, TransactionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default) =>
            Armed ? throw new InvalidDataException("commit refused (test)") : ValueTask.FromResult(result);

        public override InterceptionResult TransactionCommitting(System.Data.Common.DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
            Armed ? throw new InvalidDataException("commit refused (test)") : result;
    }
}
