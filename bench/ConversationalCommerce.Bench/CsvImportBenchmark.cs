using System.Diagnostics;
using System.Globalization;
using System.Text;
using ConversationalCommerce.Shopify.ProductCsv;
using ConversationalCommerce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Bench;

/// <summary>`csv-import [products]`: a generated Shopify product CSV (3 variants per product) into a fresh SQLite shop. Target: 10,000 products in under 10 s.</summary>
public sealed class CsvImportBenchmark : IBenchmark
{
    public string Name => "csv-import";
    public string Description => "import-catalog of a generated Shopify product CSV (default 10,000 products)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        using var app = new AppFactory();
        var path = Path.Combine(app.Data.Path, "products.csv");
        await File.WriteAllTextAsync(path, Generate(count), cancellationToken);
        var importer = app.Services.GetRequiredService<ProductCsvImporter>();

        var started = Stopwatch.GetTimestamp();
        using var reader = new StreamReader(path);
        var result = await importer.ImportAsync("bench-shop.myshopify.com", reader, cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        Console.WriteLine($"csv-import: {result.Created} products, {result.Variants} variants, {result.Rows} rows, {result.Errors.Count} errors in {seconds:F2} s " +
                          $"({result.Created / seconds:F0} products/s); peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576} MB");
        return result.Created == count ? 0 : 1;
    }

    private static string Generate(int count)
    {
        string[] colors = ["Red", "Blue", "Green"];
        var sb = new StringBuilder("Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Price,Variant Compare At Price,Image Src,Status\n");
        for (var i = 0; i < count; i++)
            for (var v = 0; v < colors.Length; v++)
                sb.Append(CultureInfo.InvariantCulture,
                    $"product-{i},{(v == 0 ? $"Product {i} cotton tee" : "")},{(v == 0 ? "\"<p>Soft, \"\"breathable\"\"\ncotton.</p>\"" : "")},{(v == 0 ? "Acme" : "")},{(v == 0 ? "Shirts" : "")},{(v == 0 ? "\"cotton, summer\"" : "")},{(v == 0 ? "true" : "")},{(v == 0 ? "Color" : "")},{colors[v]},SKU-{i}-{v},shopify,{(i + v) % 7},deny,{10 + i % 90}.99,,https://cdn.example.com/{i}-{v}.jpg,{(v == 0 ? "active" : "")}\n");
        return sb.ToString();
    }
}
