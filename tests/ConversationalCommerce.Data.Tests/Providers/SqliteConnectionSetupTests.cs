using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Data.Tests.Providers;

public sealed class SqliteConnectionSetupTests
{
    [Fact]
    public async Task Every_connection_ef_opens_waits_for_the_write_lock_and_syncs_normally_including_reused_pooled_ones()
    {
        await using var db = await TestDb.CreateAsync(DatabaseProvider.Sqlite);
        var handles = new HashSet<object>();

        for (var i = 0; i < 5; i++)
        {
            await using var context = db.Context();
            // EF opens and closes the pooled connection around each command; ask twice to see a reopened one.
            for (var j = 0; j < 2; j++)
            {
                Assert.Equal(10000L, await ScalarAsync(context, "PRAGMA busy_timeout;"));
                Assert.Equal(1L, await ScalarAsync(context, "PRAGMA synchronous;")); // NORMAL
                handles.Add(((SqliteConnection)context.Database.GetDbConnection()).Handle!);
            }
        }

        // The pool handed the same native handle out again, so the settings outlived a close and reopen.
        Assert.True(handles.Count < 10);
    }

    private static async Task<long> ScalarAsync(AppDbContext context, string sql)
    {
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (long)(await command.ExecuteScalarAsync())!;
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }
}
