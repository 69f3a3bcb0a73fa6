using ConversationalCommerce.Data.Rows;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ConversationalCommerce.Data.Conversations;

/// <summary>
/// Reads rows of one entity type from a prepared SQLite query into new, untracked entities, with the EF model's column
/// names and value conversions (UTC ticks, enum numbers, Guid text): the entity is the one a no-tracking EF query
/// would return. <see cref="Columns"/> is the select list, in the order the values are read.
/// </summary>
internal sealed class SqliteRowReader<T> where T : class, new()
{
    private readonly Field[] _fields;

    public SqliteRowReader(IEntityType type, ISqlGenerationHelper sql, IEnumerable<string>? leaveOut = null)
    {
        var table = ModelColumns.Table(type);
        var skipped = new HashSet<string>(leaveOut ?? [], StringComparer.Ordinal);
        _fields = type.GetProperties().Where(p => !skipped.Contains(p.Name)).Select(p => new Field(p, p.GetRelationalTypeMapping())).ToArray();
        Columns = string.Join(", ", _fields.Select(f => sql.DelimitIdentifier(f.Property.GetColumnName(table)!)));
        Table = sql.DelimitIdentifier(table.Name, table.Schema);
    }

    public string Columns { get; }
    public string Table { get; }

    /// <summary>The entity of the reader's current row.</summary>
    public T Read(DbDataReader reader)
    {
        var entity = new T();
        for (var i = 0; i < _fields.Length; i++) _fields[i].Set(entity, reader, i);
        return entity;
    }

    private sealed class Field(IProperty property, RelationalTypeMapping mapping)
    {
        private readonly Type _stored = Nullable.GetUnderlyingType(mapping.Converter?.ProviderClrType ?? mapping.ClrType)
                                        ?? mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        private readonly Action<T, object?> _setter = Setter(property);

        public IProperty Property { get; } = property;

        public void Set(object entity, DbDataReader reader, int ordinal)
        {
            if (reader.IsDBNull(ordinal))
            {
                _setter((T)entity, null);
                return;
            }
            var value = Stored(reader, ordinal);
            _setter((T)entity, mapping.Converter is { } converter ? converter.ConvertFromProvider(value) : value);
        }

        /// <summary>(entity, value) => entity.Property = (TProperty)value, compiled once.</summary>
        private static Action<T, object?> Setter(IProperty property)
        {
            var entity = System.Linq.Expressions.Expression.Parameter(typeof(T));
            var value = System.Linq.Expressions.Expression.Parameter(typeof(object));
            var assign = System.Linq.Expressions.Expression.Assign(
                System.Linq.Expressions.Expression.Property(entity, property.PropertyInfo!),
                System.Linq.Expressions.Expression.Convert(value, property.ClrType));
            return System.Linq.Expressions.Expression.Lambda<Action<T, object?>>(assign, entity, value).Compile();
        }

        private object Stored(DbDataReader reader, int ordinal) => _stored switch
        {
            var t when t == typeof(string) => reader.GetString(ordinal),
            var t when t == typeof(Guid) => reader.GetGuid(ordinal),
            var t when t == typeof(long) => reader.GetInt64(ordinal),
            var t when t == typeof(int) => reader.GetInt32(ordinal),
            var t when t == typeof(short) => reader.GetInt16(ordinal),
            var t when t == typeof(byte) => reader.GetByte(ordinal),
            var t when t == typeof(bool) => reader.GetBoolean(ordinal),
            var t when t == typeof(double) => reader.GetDouble(ordinal),
            var t when t == typeof(float) => reader.GetFloat(ordinal),
            var t when t == typeof(decimal) => reader.GetDecimal(ordinal),
            var t when t == typeof(DateTime) => reader.GetDateTime(ordinal),
            var t when t.IsEnum => Enum.ToObject(t, reader.GetInt64(ordinal)),
            var t => reader.GetFieldValue<object>(ordinal) is var raw && t.IsInstanceOfType(raw) ? raw : Convert.ChangeType(raw, t, System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
