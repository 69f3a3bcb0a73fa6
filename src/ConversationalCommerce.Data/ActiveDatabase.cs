namespace ConversationalCommerce.Data;

/// <summary>The provider this process talks to, for the few defaults that differ by provider (SQLite has one writer).</summary>
public sealed record ActiveDatabase(DatabaseProvider Provider)
{
    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;
}
