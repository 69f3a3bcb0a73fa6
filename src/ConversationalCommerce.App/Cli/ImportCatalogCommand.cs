using System.CommandLine;
using System.Text;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Shopify.ProductCsv;

namespace ConversationalCommerce.App.Cli;

/// <summary>`import-catalog FILE [--shop DOMAIN]`: a Shopify product CSV export into one shop; bad rows are listed, not fatal.</summary>
public static class ImportCatalogCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A Shopify product CSV export (products_export.csv)." };
        var shop = new Option<string>("--shop") { Description = "The shop's myshopify.com domain.", DefaultValueFactory = _ => Shop.DemoDomain };
        var command = new Command("import-catalog", "Import a Shopify product CSV export into a shop.") { file, shop };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                error.WriteLine($"File not found: {path.FullName}");
                return 2;
            }
            await using var app = await CliHost.StartAsync(ct, migrate: true, [.. parse.UnmatchedTokens]);
            using var reader = new StreamReader(path.FullName, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            ProductCsvImportResult result;
            try
            {
                result = await app.Services.GetRequiredService<ProductCsvImporter>().ImportAsync(parse.GetValue(shop)!, reader, ct);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                error.WriteLine($"{path.Name}: {ex.Message} Nothing was imported.");
                return 1;
            }
            foreach (var e in result.Errors)
                error.WriteLine(e.Line > 0 ? $"{path.Name}:{e.Line}: {e.Message}" : $"{path.Name}: {e.Message}");
            output.WriteLine($"Imported {result.Created + result.Updated} products ({result.Created} new, {result.Updated} updated, {result.Variants} variants) " +
                             $"from {result.Rows} rows in {result.Elapsed.TotalSeconds:F2} s; {result.Errors.Count} rows skipped.");
            return 0;
        });
        return command;
    }
}
