using System.CommandLine;
using ConversationalCommerce.App.DemoStore;

namespace ConversationalCommerce.App.Cli;

public static class SeedDemoCommand
{
    public static Command Create()
    {
        var reset = new Option<bool>("--reset") { Description = "Delete the demo shop's data first, then seed it again. Other shops are untouched." };
        var command = new Command("seed-demo", "Seed the demo store (demo-store.myshopify.com) with its catalog, customers and orders.") { reset };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            await using var app = await CliHost.StartAsync(ct, migrate: true, [.. parse.UnmatchedTokens]);
            var result = await app.Services.GetRequiredService<DemoStoreSeeder>().SeedAsync(parse.GetValue(reset), ct);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine(result.Seeded
                ? $"Seeded the demo store: {result.Products} products, {result.Variants} variants, {result.Customers} customers, {result.Orders} orders in {result.Elapsed.TotalSeconds:F2} s."
                : "The demo store already has a catalog; nothing changed (use --reset to re-seed it).");
            return 0;
        });
        return command;
    }
}
