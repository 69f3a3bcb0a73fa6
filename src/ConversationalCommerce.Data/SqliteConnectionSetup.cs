using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ConversationalCommerce.Data;

/// <summary>
/// Per-connection SQLite settings. SQLite has one writer at a time; without a native busy timeout a second writer
/// gets SQLITE_BUSY at once and Microsoft.Data.Sqlite retries it after fixed 150 ms sleeps, which turns a burst of
/// webhooks or chat turns into seconds of waiting. With busy_timeout SQLite itself waits in 1–100 ms steps and the
/// writer goes as soon as the lock is free. synchronous=NORMAL is the WAL default recommended by SQLite: commits
/// survive a process crash, only an OS crash or power cut can lose the last ones. Both settings live on the native
/// connection, which the pool keeps open between uses, so they are set once per native connection, not on every
/// open (a chat turn opens a pooled connection several times).
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";
    private static readonly ConditionalWeakTable<object, object> Configured = new();
    private static readonly object Marker = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Configure(connection);

    /// <summary>The same settings for a connection opened outside EF (the turn store's own reads).</summary>
    internal static void Configure(DbConnection connection)
    {
        if (AlreadyConfigured(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (AlreadyConfigured(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Remember(connection);
    }

    // Keyed weakly by the native handle: a handle closed by the pool drops its entry; a new one is configured again.
    private static bool AlreadyConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out _);

    private static void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle }) Configured.AddOrUpdate(handle, Marker);
    }
}
