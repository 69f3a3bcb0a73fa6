using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ConversationalCommerce.Data;

/// <summary>
/// Per-connection SQLite settings. SQLite has one writer at a time; without a native busy timeout a second writer
/// gets SQLITE_BUSY at once and Microsoft.Data.Sqlite retries it after fixed 150 ms sleeps, which turns a burst of
/// webhooks or chat turns into seconds of waiting. With busy_timeout SQLite itself waits in 1–100 ms steps and the
/// writer goes as soon as the lock is free. synchronous=NORMAL is the WAL default recommended by SQLite: commits
/// survive a process crash, only an OS crash or power cut can lose the last ones.
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
