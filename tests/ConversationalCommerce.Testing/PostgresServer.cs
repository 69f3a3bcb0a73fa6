using System.Diagnostics;
using Npgsql;

namespace ConversationalCommerce.Testing;

/// <summary>
/// Debian's PostgreSQL on 127.0.0.1:5432, started if it is not running (the test script does the same).
/// Each test database is created fresh and dropped afterwards.
/// </summary>
public static class PostgresServer
{
    public const string AdminConnectionString = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres;Timeout=5";
    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static bool _started;

    public static async Task EnsureRunningAsync()
    {
        await StartLock.WaitAsync();
        try
        {
            if (_started) return;
            if (!await CanConnectAsync())
            {
                Run("pg_ctlcluster", "15 main start");
                Run("su", "postgres -c \"psql -q -c \\\"ALTER USER postgres PASSWORD 'postgres';\\\"\"");
                for (var i = 0; i < 50 && !await CanConnectAsync(); i++) await Task.Delay(200);
                if (!await CanConnectAsync())
                    throw new InvalidOperationException("PostgreSQL is not reachable on 127.0.0.1:5432 (run scripts/test.sh, which installs and starts it).");
            }
            _started = true;
        }
        finally { StartLock.Release(); }
    }

    public static async Task<TestDatabase> CreateDatabaseAsync()
    {
        await EnsureRunningAsync();
        var name = "cc_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var conn = new NpgsqlConnection(AdminConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new TestDatabase(name, $"Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database={name};Timeout=10");
    }

    private static async Task<bool> CanConnectAsync()
    {
        try
        {
            await using var conn = new NpgsqlConnection(AdminConnectionString);
            await conn.OpenAsync();
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void Run(string file, string args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true });
            p?.WaitForExit(30_000);
        }
        catch (System.ComponentModel.Win32Exception) { /* not installed: the reachability check reports it */ }
    }
}

public sealed class TestDatabase(string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;
    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
