using System.Globalization;
using System.Text.Json;
using ConversationalCommerce.App.Tests.Cli;
using ConversationalCommerce.Testing;

namespace ConversationalCommerce.App.Tests.Search;

/// <summary>`eval search` as an operator runs it: the built executable on a small judged catalog.</summary>
public sealed class EvalSearchCommandTests : IDisposable
{
    private readonly TestDataDirectory _data = new();

    private string Write(string name, string text)
    {
        var path = Path.Combine(_data.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Odd_and_even_query_ids_are_reported_apart_and_the_run_file_holds_each_querys_ranking()
    {
        var products = Write("products.csv",
            "Handle,Title,Type,Variant Price,Status\n" +
            "red-mug,Red Ceramic Mug,Mugs,12.00,active\n" +
            "blue-mug,Blue Ceramic Mug,Mugs,12.00,active\n" +
            "wool-scarf,Grey Wool Scarf,Scarves,30.00,active\n" +
            "red-scarf,Red Wool Scarf,Scarves,30.00,active\n");
        var queries = Write("queries.tsv", "query_id\tquery\n1\tred mug\n2\twool scarf\n");
        // Query 1 is answered perfectly (nDCG 1); query 2's only judged product is not in its results (nDCG 0).
        var labels = Write("labels.tsv", "query_id\thandle\tgrade\n1\tred-mug\t3\n2\tblue-mug\t3\n");
        var run = Path.Combine(_data.Path, "run.txt");

        var (exit, stdout, stderr) = await AppProcess.RunAsync(_data, "eval", "search",
            "--products", products, "--queries", queries, "--labels", labels, "--run", run, "--json");

        Assert.True(exit == 0, stderr);
        var figures = JsonDocument.Parse(stdout.TrimEnd().Split('\n')[^1]).RootElement;
        Assert.Equal(0.5, figures.GetProperty("ndcg10").GetDouble(), 4);
        Assert.Equal(1.0, figures.GetProperty("odd").GetProperty("ndcg10").GetDouble(), 4);
        Assert.Equal(0.0, figures.GetProperty("even").GetProperty("ndcg10").GetDouble(), 4);
        Assert.Equal(1, figures.GetProperty("odd").GetProperty("queries").GetInt32());
        Assert.Contains("odd ids", stdout);

        var lines = File.ReadAllLines(run).Select(l => l.Split(' ')).ToList();
        Assert.All(lines, l => Assert.Equal(6, l.Length));
        Assert.Equal(["1", "Q0", "red-mug", "1"], lines[0][..4]);
        var scarves = lines.Where(l => l[0] == "2").ToList();
        Assert.Equal(["red-scarf", "wool-scarf"], scarves.Select(l => l[2]).Order());
        Assert.Equal(Enumerable.Range(1, scarves.Count).Select(r => r.ToString(CultureInfo.InvariantCulture)), scarves.Select(l => l[3]));
        var scores = scarves.Select(l => double.Parse(l[4], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    public void Dispose() => _data.Dispose();
}
