namespace ConversationalCommerce.Shopify.ProductCsv;

/// <summary>Column positions by header name, case-insensitive; a header without Handle is not a Shopify product CSV.</summary>
public sealed class ProductCsvColumns
{
    private readonly Dictionary<string, int> _byName;

    private ProductCsvColumns(Dictionary<string, int> byName) => _byName = byName;

    public static ProductCsvColumns FromHeader(IReadOnlyList<string> header)
    {
        var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
            byName.TryAdd(header[i].Trim().TrimStart('\uFEFF'), i);
        if (!byName.ContainsKey("Handle"))
            throw new FormatException("line 1: no Handle column; this is not a Shopify product CSV export.");
        return new ProductCsvColumns(byName);
    }

    public int? IndexOf(string name) => _byName.TryGetValue(name, out var i) ? i : null;
}

/// <summary>A row's cells by column name; absent columns and short rows read as empty.</summary>
public readonly struct ProductCsvRow(ProductCsvColumns columns, IReadOnlyList<string> cells)
{
    public string this[string name] => columns.IndexOf(name) is { } i && i < cells.Count ? cells[i].Trim() : "";
}
