using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Testing;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Data.Tests;

/// <summary>A migrated database of one provider; contexts are created per shop scope like the app does per request.</summary>
public sealed class TestDb : IAsyncDisposable
{
    private readonly TestDataDirectory? _dir;
    private readonly TestDatabase? _pg;

    private TestDb(DatabaseProvider provider, string connectionString, TestDataDirectory? dir, TestDatabase? pg)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _dir = dir;
        _pg = pg;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    public static async Task<TestDb> CreateAsync(DatabaseProvider provider)
    {
        TestDb db;
        if (provider == DatabaseProvider.PostgreSql)
        {
            var pg = await PostgresServer.CreateDatabaseAsync();
            db = new TestDb(provider, pg.ConnectionString, null, pg);
        }
        else
        {
            var dir = new TestDataDirectory();
            db = new TestDb(provider, dir.SqliteConnectionString, dir, null);
        }
        await using var context = db.Context();
        await context.Database.MigrateAsync();
        return db;
    }

    public AppDbContext Context(Guid? shopId = null)
    {
        var scope = new ShopScope();
        if (shopId is { } id) scope.Set(id);
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DbContextOptionsConfigurator.Configure(options, Provider, ConnectionString);
        return new AppDbContext(options.Options, scope);
    }

    public async ValueTask DisposeAsync()
    {
        if (_pg is not null) await _pg.DisposeAsync();
        _dir?.Dispose();
    }
}
