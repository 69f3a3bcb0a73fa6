using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Data.Tests.Providers;

/// <summary>The SQLite pragmas are set once per native connection and still hold when the pool hands it out again.</summary>
public sealed class SqliteConnectionSetupTests
{
    [Fact]
    public async Task Busy_timeout_and_synchronous_hold_on_every_open_of_a_pooled_connection()
    {
        await using var db = await TestDb.CreateAsync(DatabaseProvider.Sqlite);
        object? firstHandle = null;
        for (var open = 0; open < 3; open++)
        {
            await using var context = db.Context();
            await context.Database.OpenConnectionAsync();
            var connection = (SqliteConnection)context.Database.GetDbConnection();
            firstHandle ??= connection.Handle;
            Assert.Same(firstHandle, connection.Handle); // the pool's native connection, configured on its first open only
            Assert.Equal(10_000L, await ScalarAsync(connection, "PRAGMA busy_timeout;"));
            Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA synchronous;")); // NORMAL
            await context.Database.CloseConnectionAsync();
        }
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
