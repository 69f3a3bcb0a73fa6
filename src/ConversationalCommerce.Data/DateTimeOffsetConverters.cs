using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ConversationalCommerce.Data;

/// <summary>SQLite has no native offset type; UTC ticks keep ordering and range queries correct.</summary>
internal sealed class DateTimeOffsetToUtcTicksConverter()
    : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

/// <summary>Normalises instants to UTC before they reach a server provider.</summary>
internal sealed class DateTimeOffsetToUtcConverter()
    : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v.ToUniversalTime());
