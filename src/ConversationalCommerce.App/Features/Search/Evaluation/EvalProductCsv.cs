using System.Globalization;
using System.Text;
using ConversationalCommerce.Domain.Catalog;

namespace ConversationalCommerce.App.Features.Search.Evaluation;

/// <summary>
/// Interim reader of Shopify's product CSV for the search evaluation only, until the product CSV importer
/// (Shopify/ProductCsv) is in main; then the evaluation imports through it and this file goes.
/// Rows sharing a Handle are one product: the first carries the product fields, each row may add a variant or an image.
/// </summary>
internal static class EvalProductCsv
{
    public static List<Product> Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var records = Records(reader).GetEnumerator();
        if (!records.MoveNext()) return [];
        var header = records.Current.Select((name, i) => (name.Trim(), i)).ToDictionary(x => x.Item1, x => x.i, StringComparer.OrdinalIgnoreCase);
        if (!header.ContainsKey("Handle")) throw new FormatException($"{Path.GetFileName(path)}: no Handle column; not a Shopify product CSV.");

        var products = new Dictionary<string, Product>(StringComparer.OrdinalIgnoreCase);
        var order = new List<Product>();
        long id = 1;
        while (records.MoveNext())
        {
            var row = records.Current;
            string Cell(string name) => header.TryGetValue(name, out var i) && i < row.Count ? row[i].Trim() : "";
            var handle = Cell("Handle").ToLowerInvariant();
            if (handle.Length == 0) continue;
            if (!products.TryGetValue(handle, out var product))
            {
                product = new Product
                {
                    ShopifyId = id++,
                    Handle = handle,
                    Title = Cell("Title"),
                    BodyHtml = Cell("Body (HTML)"),
                    Vendor = Cell("Vendor"),
                    ProductType = Cell("Type"),
                    Tags = Cell("Tags"),
                    Published = !string.Equals(Cell("Published"), "false", StringComparison.OrdinalIgnoreCase),
                    Status = Cell("Status").ToLowerInvariant() switch { "draft" => ProductStatus.Draft, "archived" => ProductStatus.Archived, _ => ProductStatus.Active },
                    Option1Name = NullIfEmpty(Cell("Option1 Name")),
                    Option2Name = NullIfEmpty(Cell("Option2 Name")),
                    Option3Name = NullIfEmpty(Cell("Option3 Name")),
                };
                products[handle] = product;
                order.Add(product);
            }
            var price = Cell("Variant Price");
            if (price.Length > 0)
            {
                var tracker = Cell("Variant Inventory Tracker");
                product.Variants.Add(new ProductVariant
                {
                    ProductId = product.Id,
                    ShopifyId = id++,
                    Sku = NullIfEmpty(Cell("Variant SKU")),
                    Price = Decimal(price) ?? 0,
                    CompareAtPrice = Decimal(Cell("Variant Compare At Price")),
                    Option1 = NullIfEmpty(Cell("Option1 Value")),
                    Option2 = NullIfEmpty(Cell("Option2 Value")),
                    Option3 = NullIfEmpty(Cell("Option3 Value")),
                    Title = string.Join(" / ", new[] { Cell("Option1 Value"), Cell("Option2 Value"), Cell("Option3 Value") }.Where(v => v.Length > 0)) is { Length: > 0 } t ? t : "Default Title",
                    Position = product.Variants.Count + 1,
                    InventoryTracked = tracker.Length > 0,
                    InventoryQuantity = int.TryParse(Cell("Variant Inventory Qty"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var q) ? q : 0,
                    InventoryPolicy = string.Equals(Cell("Variant Inventory Policy"), "continue", StringComparison.OrdinalIgnoreCase) ? InventoryPolicy.Continue : InventoryPolicy.Deny,
                });
            }
            var image = Cell("Image Src");
            if (image.Length > 0 && product.Images.All(i => i.Src != image))
                product.Images.Add(new ProductImage { ProductId = product.Id, Src = image, AltText = NullIfEmpty(Cell("Image Alt Text")), Position = product.Images.Count + 1 });
        }
        return order;
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static decimal? Decimal(string s) =>
        decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>RFC 4180 records: quoted cells may hold commas, doubled quotes and line breaks.</summary>
    private static IEnumerable<List<string>> Records(TextReader reader)
    {
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { cell.Append('"'); reader.Read(); }
                    else quoted = false;
                }
                else cell.Append(ch);
                continue;
            }
            switch (ch)
            {
                case '"': quoted = true; break;
                case ',': row.Add(cell.ToString()); cell.Clear(); break;
                case '\r': break;
                case '\n':
                    row.Add(cell.ToString()); cell.Clear();
                    yield return row;
                    row = [];
                    break;
                default: cell.Append(ch); break;
            }
        }
        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            yield return row;
        }
    }
}
