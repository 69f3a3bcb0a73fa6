using ConversationalCommerce.Data;
using Microsoft.Data.Sqlite;

namespace ConversationalCommerce.App.Hosting;

public static class DatabaseRegistration
{
    /// <summary>Reads Database:Provider and ConnectionStrings:Default; SQLite defaults to a file in the data directory.</summary>
    public static (DatabaseProvider Provider, string ConnectionString) Resolve(IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("Default") ?? options.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (options.Provider != DatabaseProvider.Sqlite)
                throw new InvalidOperationException($"Database provider {options.Provider} needs ConnectionStrings:Default.");
            // Private cache + WAL (set at start-up): shared cache takes table locks and fails concurrent writers with SQLITE_LOCKED.
            connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(AppPaths.DataDirectory(configuration), "conversational-commerce.db"),
                Pooling = true,
            }.ToString();
        }
        return (options.Provider, connectionString);
    }

    public static IHostApplicationBuilder AddAppDatabase(this IHostApplicationBuilder builder)
    {
        var (provider, connectionString) = Resolve(builder.Configuration);
        builder.Services.Configure<DatabaseOptions>(builder.Configuration.GetSection(DatabaseOptions.Section));
        builder.Services.AddAppDatabase(provider, connectionString);
        builder.Services.AddSingleton(new ResolvedDatabase(provider, connectionString));
        return builder;
    }
}

public sealed record ResolvedDatabase(DatabaseProvider Provider, string ConnectionString);
