namespace ConversationalCommerce.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

/// <summary>Bound from "Database" and "ConnectionStrings:Default".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>Empty for SQLite means a file in the data directory.</summary>
    public string? ConnectionString { get; set; }
    public bool MigrateOnStartup { get; set; } = true;

    public static string MigrationsAssemblyFor(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "ConversationalCommerce.Data.Sqlite",
        DatabaseProvider.SqlServer => "ConversationalCommerce.Data.SqlServer",
        DatabaseProvider.PostgreSql => "ConversationalCommerce.Data.PostgreSql",
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}
