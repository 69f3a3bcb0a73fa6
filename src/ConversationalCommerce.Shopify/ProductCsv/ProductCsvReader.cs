using System.Globalization;
using ConversationalCommerce.Domain.Catalog;

namespace ConversationalCommerce.Shopify.ProductCsv;

public sealed record ProductCsvError(int Line, string Message);

public sealed record ProductCsvParseResult(IReadOnlyList<Product> Products, IReadOnlyList<ProductCsvError> Errors, int Rows);

/// <summary>
/// Reads Shopify's product CSV export: columns by name in any order (missing ones default, unknown ones ignored),
/// rows sharing a Handle are one product (the first row with a Title carries the product fields; every row may add a
/// variant and an image). A bad row is reported with its line number and skipped; the rest still reads.
/// </summary>
public static class ProductCsvReader
{
    public static ProductCsvParseResult Read(TextReader reader)
    {
        var errors = new List<ProductCsvError>();
        var products = new Dictionary<string, Product>(StringComparer.OrdinalIgnoreCase);
        var order = new List<Product>();
        using var records = CsvRecordReader.Read(reader).GetEnumerator();
        if (!records.MoveNext()) throw new FormatException("The file is empty.");
        var columns = ProductCsvColumns.FromHeader(records.Current.Cells);
        var rows = 0;
        while (records.MoveNext())
        {
            rows++;
            var record = records.Current;
            var error = ReadRow(columns, record, products, order);
            if (error is not null) errors.Add(new ProductCsvError(record.Line, error));
        }
        // A handle whose rows were all rejected, or that never got a title, is not a product.
        foreach (var p in order.Where(p => p.Title.Length == 0).ToList())
        {
            errors.Add(new ProductCsvError(0, $"product '{p.Handle}' has no Title on any row; skipped"));
            order.Remove(p);
        }
        return new ProductCsvParseResult(order, errors, rows);
    }

    private static string? ReadRow(ProductCsvColumns columns, CsvRecord record, Dictionary<string, Product> products, List<Product> order)
    {
        var row = new ProductCsvRow(columns, record.Cells);
        var handle = row["Handle"].ToLowerInvariant();
        if (handle.Length == 0) return "no Handle; row skipped";
        if (handle.Length > 255 || handle.Any(char.IsWhiteSpace)) return $"Handle '{Shorten(handle)}' is not a valid handle; row skipped";

        var price = row["Variant Price"];
        decimal? variantPrice = null;
        if (price.Length > 0)
        {
            variantPrice = Money(price);
            if (variantPrice is null or < 0) return $"Variant Price '{Shorten(price)}' is not a price; row skipped";
        }
        var compareAtText = row["Variant Compare At Price"];
        var compareAt = compareAtText.Length == 0 ? null : Money(compareAtText);
        if (compareAtText.Length > 0 && compareAt is null) return $"Variant Compare At Price '{Shorten(compareAtText)}' is not a price; row skipped";
        var qtyText = row["Variant Inventory Qty"];
        var qty = 0;
        if (qtyText.Length > 0 && !int.TryParse(qtyText, NumberStyles.Integer, CultureInfo.InvariantCulture, out qty))
            return $"Variant Inventory Qty '{Shorten(qtyText)}' is not a whole number; row skipped";
        var status = row["Status"].ToLowerInvariant();
        if (status is not ("" or "active" or "draft" or "archived")) return $"Status '{Shorten(status)}' is not active, draft or archived; row skipped";

        if (!products.TryGetValue(handle, out var product))
        {
            product = new Product { Handle = handle, Title = "", ShopifyId = StableId.For(handle) };
            products[handle] = product;
            order.Add(product);
        }
        if (product.Title.Length == 0 && row["Title"].Length > 0) ApplyProductFields(product, row, status);

        if (variantPrice is { } p)
        {
            var options = new[] { row["Option1 Value"], row["Option2 Value"], row["Option3 Value"] };
            product.Variants.Add(new ProductVariant
            {
                ProductId = product.Id,
                ShopifyId = StableId.For(handle + "#" + string.Join('/', options) + "#" + product.Variants.Count),
                Sku = NullIfEmpty(row["Variant SKU"]),
                Price = p,
                CompareAtPrice = compareAt,
                Option1 = NullIfEmpty(options[0]),
                Option2 = NullIfEmpty(options[1]),
                Option3 = NullIfEmpty(options[2]),
                Title = string.Join(" / ", options.Where(v => v.Length > 0)) is { Length: > 0 } t ? t : "Default Title",
                Position = product.Variants.Count + 1,
                InventoryTracked = row["Variant Inventory Tracker"].Length > 0 || qtyText.Length > 0,
                InventoryQuantity = qty,
                InventoryPolicy = row["Variant Inventory Policy"].Equals("continue", StringComparison.OrdinalIgnoreCase)
                    ? InventoryPolicy.Continue : InventoryPolicy.Deny,
            });
        }
        AddImage(product, row["Image Src"], row["Image Alt Text"]);
        AddImage(product, row["Variant Image"], null);
        return null;
    }

    private static void ApplyProductFields(Product product, ProductCsvRow row, string status)
    {
        product.Title = row["Title"];
        product.BodyHtml = row["Body (HTML)"];
        product.Vendor = row["Vendor"];
        product.ProductType = row["Type"] is { Length: > 0 } type ? type : row["Product Category"].Split('>').Last().Trim();
        product.Tags = row["Tags"];
        product.Published = !row["Published"].Equals("false", StringComparison.OrdinalIgnoreCase);
        product.Status = status switch { "draft" => ProductStatus.Draft, "archived" => ProductStatus.Archived, _ => ProductStatus.Active };
        product.Option1Name = NullIfEmpty(row["Option1 Name"]);
        product.Option2Name = NullIfEmpty(row["Option2 Name"]);
        product.Option3Name = NullIfEmpty(row["Option3 Name"]);
    }

    private static void AddImage(Product product, string src, string? alt)
    {
        if (src.Length == 0 || product.Images.Any(i => i.Src == src)) return;
        if (!Uri.TryCreate(src, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return;
        product.Images.Add(new ProductImage { ProductId = product.Id, Src = src, AltText = NullIfEmpty(alt ?? ""), Position = product.Images.Count + 1 });
    }

    private static decimal? Money(string s) =>
        decimal.TryParse(s.TrimStart('$', '€', '£'), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
