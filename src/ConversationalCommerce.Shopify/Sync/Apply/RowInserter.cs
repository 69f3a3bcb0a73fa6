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
        // Parameters are typed once by their mappings; per row only the (converted) values change.
        var parameters = new DbParameter[properties.Length];
        var converters = mappings.Select(m => m.Converter).ToArray();
        for (var i = 0; i < properties.Length; i++)
            command.Parameters.Add(parameters[i] = mappings[i].CreateParameter(command, names[i], null, properties[i].IsNullable));
        foreach (var row in rows)
        {
            for (var i = 0; i < properties.Length; i++)
            {
                var value = getters[i].GetClrValue(row);
                // The converters turn values into what the provider stores (ticks, UTC, enum numbers, doubles on SQLite).
                if (value is not null && converters[i] is { } converter) value = converter.ConvertToProvider(value);
                parameters[i].Value = value ?? DBNull.Value;
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
