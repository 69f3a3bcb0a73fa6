using System.Data.Common;
using ConversationalCommerce.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ConversationalCommerce.Shopify.Sync.Apply;

/// <summary>
/// Inserts new rows with one reused parameterized INSERT per table, bypassing change tracking: a first sync writes
/// hundreds of thousands of rows and the tracker would cost more than the database. Table, columns, value
/// converters and parameter types all come from the EF model, so every provider gets what EF would have written.
/// </summary>
internal static class RowInserter
{
    public static async Task InsertAsync<T>(AppDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken) where T : class
    {
        if (rows.Count == 0) return;
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().Where(p => p.GetColumnName(table) is not null).ToArray();
        if (properties.Any(p => p.IsShadowProperty()))
            throw new InvalidOperationException($"{typeof(T).Name} has shadow properties; insert it through the change tracker.");

        var sql = db.GetService<ISqlGenerationHelper>();
        var mappings = properties.Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping()).ToArray();
        var getters = properties.Select(p => p.GetGetter()).ToArray();
        var names = properties.Select((_, i) => "@p" + i).ToArray();
        var text = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ({string.Join(", ", names)})";

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = text;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            for (var i = 0; i < properties.Length; i++)
                // The mapping converts the value (ticks, UTC, enums, decimals as SQLite wants them) and types the parameter.
                command.Parameters.Add(mappings[i].CreateParameter(command, names[i], getters[i].GetClrValue(row), properties[i].IsNullable));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
