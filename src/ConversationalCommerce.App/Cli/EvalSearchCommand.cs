using ConversationalCommerce.Shopify.ProductCsv;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ConversationalCommerce.App.Features.Search.Evaluation;
using ConversationalCommerce.Domain.Catalog;

namespace ConversationalCommerce.App.Cli;

/// <summary>
/// `eval search --products FILE --queries FILE --labels FILE [--json] [--per-query] [--run FILE]`: imports a Shopify product CSV into a scratch
/// shop in a temporary SQLite database, runs every query through the product search and reports nDCG@10 and Recall@50
/// (also for odd and even query ids apart), optionally with a TREC run file of each query's reranked head.
/// </summary>
public static class EvalSearchCommand
{
    public static Command Create()
    {
        var products = new Option<FileInfo>("--products") { Description = "Shopify product CSV (the catalog).", Required = true };
        var queries = new Option<FileInfo>("--queries") { Description = "TSV with header query_id<TAB>query.", Required = true };
        var labels = new Option<FileInfo>("--labels") { Description = "TSV with header query_id<TAB>handle<TAB>grade (3 exact .. 0 irrelevant).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the figures as one JSON object on the last line." };
        var perQuery = new Option<bool>("--per-query") { Description = "Also print each query's nDCG@10 and Recall@50." };
        var run = new Option<FileInfo>("--run")
        {
            Description = $"Also write each query's top {SearchEvaluation.RunFileDepth} with scores to this file (TREC run format: query_id Q0 handle rank score tag).",
        };

        var command = new Command("search", "Score the product search on a judged catalog and query set.") { products, queries, labels, json, perQuery, run };
        command.SetAction(async (parse, ct) =>
        {
            var files = new[] { parse.GetRequiredValue(products), parse.GetRequiredValue(queries), parse.GetRequiredValue(labels) };
            foreach (var file in files)
                if (!file.Exists)
                {
                    Console.Error.WriteLine($"File not found: {file.FullName}");
                    return 2;
                }

            IReadOnlyList<Product> catalog;
            IReadOnlyList<EvalQuery> querySet;
            IReadOnlyDictionary<string, Dictionary<string, int>> judgements;
            try
            {
                using (var csv = new StreamReader(files[0].FullName))
                    catalog = ProductCsvReader.Read(csv).Products;
                querySet = RelevanceJudgements.ReadQueries(files[1].FullName);
                judgements = RelevanceJudgements.ReadLabels(files[2].FullName);
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }

            var scratch = Path.Combine(Path.GetTempPath(), "cc-eval-search-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(scratch);
            try
            {
                SearchEvalResult result;
                await using (var app = await CliHost.StartAsync(ct, migrate: true,
                    "--DataDirectory", scratch,
                    "--Database:Provider", "Sqlite",
                    "--ConnectionStrings:Default", $"Data Source={Path.Combine(scratch, "eval.db")};Pooling=False"))
                {
                    var runPath = parse.GetValue(run);
                    await using var runFile = runPath is null ? null : new StreamWriter(runPath.FullName);
                    result = await new SearchEvaluation(app.Services).RunAsync(catalog, querySet, judgements, ct, runFile);
                }
                Print(result, parse.GetValue(perQuery));
                if (parse.GetValue(json)) Console.WriteLine(ToJson(result));
                return 0;
            }
            finally
            {
                try { Directory.Delete(scratch, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        });
        return command;
    }

    private static void Print(SearchEvalResult r, bool perQuery)
    {
        if (perQuery)
            foreach (var q in r.PerQuery)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{q.QueryId,6}  nDCG@10 {q.Ndcg10,6:F3}  R@50 {q.Recall50,6:F3}  {q.Query}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"products     {r.Products}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"queries      {r.Queries}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"nDCG@10      {r.Ndcg10:F4}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Recall@50    {r.Recall50:F4}"));
        if (r.Halves is { } h)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"odd ids      nDCG@10 {h.Odd.Ndcg10:F4}  Recall@50 {h.Odd.Recall50:F4}  ({h.Odd.Queries} queries)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"even ids     nDCG@10 {h.Even.Ndcg10:F4}  Recall@50 {h.Even.Recall50:F4}  ({h.Even.Queries} queries)"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index        {r.IndexSeconds:F2} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"query p50    {r.P50QueryMs:F3} ms, p99 {r.P99QueryMs:F3} ms"));
    }

    private static string ToJson(SearchEvalResult r) => JsonSerializer.Serialize(new
    {
        ndcg10 = Math.Round(r.Ndcg10, 4),
        recall50 = Math.Round(r.Recall50, 4),
        indexSeconds = Math.Round(r.IndexSeconds, 3),
        p50QueryMs = Math.Round(r.P50QueryMs, 4),
        p99QueryMs = Math.Round(r.P99QueryMs, 4),
        products = r.Products,
        queries = r.Queries,
        odd = r.Halves is { } h ? Halves(h.Odd) : null,
        even = r.Halves is { } e ? Halves(e.Even) : null,
    });

    private static object Halves(SplitFigures f) => new { ndcg10 = Math.Round(f.Ndcg10, 4), recall50 = Math.Round(f.Recall50, 4), queries = f.Queries };
}
