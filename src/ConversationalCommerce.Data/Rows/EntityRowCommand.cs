using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ConversationalCommerce.Data.Rows;

/// <summary>
/// One reused statement that writes whole rows of one entity type (INSERT, or an UPDATE of every column guarded by the
/// key and a concurrency token), bypassing the change tracker where it would cost more than the database: a first
/// sync's hundreds of thousands of rows, every chat turn on SQLite. Table, columns, parameter types and value
/// conversions (UTC ticks, enum numbers, Guid text) all come from the EF model, so on every provider a row written
/// here is stored exactly as SaveChanges would store it. Executing it again only rebinds the values.
/// </summary>
public sealed class EntityRowCommand : IDisposable
{
    private readonly DbCommand _command;
    private readonly Column[] _columns;
    private readonly Column? _token;

    private EntityRowCommand(DbCommand command, Column[] columns, Column? token)
    {
        _command = command;
        _columns = columns;
        _token = token;
    }

    public static EntityRowCommand Insert(DbConnection connection, IEntityType type, ISqlGenerationHelper sql)
    {
        var table = ModelColumns.Table(type);
        var properties = Stored(type, table).ToArray();
        var command = connection.CreateCommand();
        var columns = properties.Select((p, i) => Column.Create(command, p, table, "@p" + i)).ToArray();
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) " +
                              $"VALUES ({string.Join(", ", columns.Select(c => c.Parameter.ParameterName))});";
        return new EntityRowCommand(command, columns, null);
    }

    /// <summary>Updates every non-key column where the key matches and <paramref name="token"/> still has its original value.</summary>
    public static EntityRowCommand Update(DbConnection connection, IEntityType type, IProperty token, ISqlGenerationHelper sql)
    {
        var table = ModelColumns.Table(type);
        var key = type.FindPrimaryKey()!.Properties;
        var command = connection.CreateCommand();
        var set = Stored(type, table).Where(p => !key.Contains(p)).Select((p, i) => Column.Create(command, p, table, "@s" + i)).ToArray();
        var where = key.Select((p, i) => Column.Create(command, p, table, "@k" + i)).ToArray();
        var original = Column.Create(command, token, table, "@original");
        command.CommandText = $"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET {string.Join(", ", set.Select(c => $"{sql.DelimitIdentifier(c.Name)} = {c.Parameter.ParameterName}"))} " +
                              $"WHERE {string.Join(" AND ", where.Append(original).Select(c => $"{sql.DelimitIdentifier(c.Name)} = {c.Parameter.ParameterName}"))};";
        return new EntityRowCommand(command, [.. set, .. where], original);
    }

    /// <summary>Writes <paramref name="entity"/>; returns the rows affected (0 for an update whose token changed).</summary>
    public int Execute(object entity, DbTransaction? transaction, object? originalToken = null)
    {
        Bind(entity, transaction, originalToken);
        return _command.ExecuteNonQuery();
    }

    /// <inheritdoc cref="Execute"/>
    public Task<int> ExecuteAsync(object entity, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        Bind(entity, transaction, null);
        return _command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void Bind(object entity, DbTransaction? transaction, object? originalToken)
    {
        foreach (var column in _columns) column.Bind(column.Property.GetGetter().GetClrValueUsingContainingEntity(entity));
        _token?.Bind(originalToken);
        _command.Transaction = transaction;
    }

    /// <summary>The properties stored in the table; shadow properties have no CLR value to write, so such types are refused.</summary>
    private static IEnumerable<IProperty> Stored(IEntityType type, StoreObjectIdentifier table)
    {
        var properties = type.GetProperties().Where(p => p.GetColumnName(table) is not null).ToArray();
        if (properties.Any(p => p.IsShadowProperty()))
            throw new InvalidOperationException($"{type.ClrType.Name} has shadow properties; write it through the change tracker.");
        return properties;
    }

    public void Dispose() => _command.Dispose();

    private sealed record Column(IProperty Property, string Name, DbParameter Parameter, RelationalTypeMapping Mapping)
    {
        public static Column Create(DbCommand command, IProperty property, StoreObjectIdentifier table, string parameterName)
        {
            // Created once with EF's own mapping (DbType, SQLite type), then only its value changes per row.
            var parameter = ModelColumns.AddParameter(command, parameterName, property);
            return new Column(property, property.GetColumnName(table)!, parameter, property.GetRelationalTypeMapping());
        }

        public void Bind(object? value) => Parameter.Value = ModelColumns.ProviderValue(Mapping, value);
    }
}
