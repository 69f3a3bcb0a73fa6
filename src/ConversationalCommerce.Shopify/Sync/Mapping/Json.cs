using System.Globalization;
using System.Text.Json;

namespace ConversationalCommerce.Shopify.Sync.Mapping;

/// <summary>Tolerant readers for Shopify JSON: absent and null read the same.</summary>
internal static class Json
{
    public static string? Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static JsonElement? Obj(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    public static IEnumerable<JsonElement> Arr(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];

    public static int? Int(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    public static bool? Bool(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    /// <summary>Money and Decimal scalars arrive as strings ("19.99"); accept numbers too.</summary>
    public static decimal? Dec(this JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String when decimal.TryParse(v.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
            JsonValueKind.Number => v.GetDecimal(),
            _ => null,
        };
    }

    public static DateTimeOffset? Time(this JsonElement e, string name) =>
        e.Str(name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.ToUniversalTime() : null;

    /// <summary>Nodes of a nested connection, whichever of <c>nodes</c> or <c>edges.node</c> the query used.</summary>
    public static IEnumerable<JsonElement> Nodes(this JsonElement e, string connection)
    {
        if (e.Obj(connection) is not { } c) return [];
        if (c.TryGetProperty("nodes", out var nodes) && nodes.ValueKind == JsonValueKind.Array) return nodes.EnumerateArray();
        return c.Arr("edges").Select(edge => edge.Obj("node")).Where(n => n is not null).Select(n => n!.Value);
    }
}
