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
/// survive a process crash, only an OS crash or power cut can lose the last ones.
/// Both settings belong to the native handle, which the pool keeps open between uses, so they are set once per
/// handle, not on every open (EF opens the pooled connection for every query and save).
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";
    private static readonly ConditionalWeakTable<object, object> Configured = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsConfigured(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        MarkConfigured(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsConfigured(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        MarkConfigured(connection);
    }

    private static bool IsConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out _);

    private static void MarkConfigured(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle }) Configured.AddOrUpdate(handle, Pragmas);
    }
}
