using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ConversationalCommerce.Data.Rows;

/// <summary>
/// Column names, parameters and values exactly as the EF model maps them, for the statements written by hand on the
/// hot paths (bulk rows, the SQLite turn reads and writes), so none of them spells a table, a column or a value
/// conversion on its own.
/// </summary>
public static class ModelColumns
{
    public static StoreObjectIdentifier Table(IEntityType type) => StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());

    /// <summary>The property's column, delimited for the provider.</summary>
    public static string Name(IEntityType type, string property, ISqlGenerationHelper sql) =>
        sql.DelimitIdentifier(type.FindProperty(property)!.GetColumnName(Table(type))!);

    /// <summary>A parameter typed by the property's mapping (DbType, provider type), added to the command.</summary>
    public static DbParameter AddParameter(DbCommand command, string name, IProperty property)
    {
        var parameter = property.GetRelationalTypeMapping().CreateParameter(command, name, null, property.IsNullable);
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>The value as the provider stores it (UTC ticks, enum numbers, Guid text), DBNull for null.</summary>
    public static object ProviderValue(RelationalTypeMapping? mapping, object? value) =>
        (value is null ? null : mapping?.Converter is { } converter ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
}
