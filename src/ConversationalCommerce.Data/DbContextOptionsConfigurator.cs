using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Data;

/// <summary>One place that turns provider + connection string into EF options, shared by the app and the design-time factories.</summary>
public static class DbContextOptionsConfigurator
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        var migrations = DatabaseOptions.MigrationsAssemblyFor(provider);
        return provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(connectionString, o => o.MigrationsAssembly(migrations)).AddInterceptors(SqliteConnectionSetup.Instance),
            DatabaseProvider.SqlServer => builder.UseSqlServer(connectionString, o =>
            {
                o.MigrationsAssembly(migrations);
                o.EnableRetryOnFailure();
            }),
            DatabaseProvider.PostgreSql => builder.UseNpgsql(connectionString, o =>
            {
                o.MigrationsAssembly(migrations);
                o.EnableRetryOnFailure();
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };
    }
}
