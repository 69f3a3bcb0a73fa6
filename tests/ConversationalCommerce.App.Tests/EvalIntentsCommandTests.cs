using System.Text.Json;
using System.Text.RegularExpressions;
using ConversationalCommerce.Engine.Semantics;
using ConversationalCommerce.Testing;
using ConversationalCommerce.App.Tests.Cli;

namespace ConversationalCommerce.App.Tests;

/// <summary>`eval intents` as an operator runs it: the built executable on TSV files, no database.</summary>
public sealed class EvalIntentsCommandTests : IDisposable
{
    private static readonly string[] Topics = ["weather", "recipe", "flight", "invoice", "guitar", "garden"];

    private static readonly string[] Fillers =
    [
        "tell me about the {0} please", "i have a question on my {0}", "what do you know about {0}",
        "can you help me with the {0} today", "something about {0} again", "{0} is on my mind",
    ];

    private readonly TestDataDirectory _data = new();

    private string Write(string name, IEnumerable<(string Text, string Label)> rows)
    {
        var path = Path.Combine(_data.Path, name);
        File.WriteAllLines(path, ["text\tlabel", .. rows.Select(r => $"{r.Text}\t{r.Label}")]);
        return path;
    }

    private string Train() => Write("train.tsv",
    [
        .. Topics.SelectMany((t, i) => Fillers.Select(f => (string.Format(f, t), $"label{i}"))),
        .. new[] { "sing me a song", "who won the match", "how tall is mount everest", "write me a poem", "tell a joke" }.Select(t => (t, "oos")),
    ]);

    // Off-topic sentences phrased like the in-scope ones: only a threshold catches them.
    private string Held(string name) => Write(name,
    [
        .. Topics.SelectMany((t, i) => new[] { ($"any news on the {t}", $"label{i}"), ($"my {t} question", $"label{i}") }),
        .. new[] { "dinosaur", "taxes", "poetry", "election", "volcano" }.Select(t => ($"tell me about the {t} please", "oos")),
    ]);

    [Fact]
    public async Task With_tune_the_threshold_comes_from_the_tuning_file_and_the_figures_end_in_json()
    {
        var (exit, stdout, stderr) = await RunAsync("eval", "intents", "--train", Train(), "--test", Held("test.tsv"), "--tune", Held("val.tsv"),
            "--target-oos-recall", "0.8", "--json");

        Assert.True(exit == 0, stderr);
        var figures = JsonDocument.Parse(stdout.TrimEnd().Split('\n')[^1]).RootElement;
        Assert.Equal(0.8, figures.GetProperty("targetOosRecall").GetDouble());
        Assert.Equal(3, figures.GetProperty("models").GetInt32());
        // Tuned on a file identical to the test file: the recall it aimed for is reached there.
        Assert.True(figures.GetProperty("oosRecall").GetDouble() >= 0.8, stdout);
        Assert.True(figures.GetProperty("threshold").GetDouble() > 0, stdout);
        Assert.Contains("chosen on the tuning file", stdout);
    }

    [Fact]
    public async Task Without_tune_the_given_threshold_is_used()
    {
        var (exit, stdout, stderr) = await RunAsync("eval", "intents", "--train", Train(), "--test", Held("test.tsv"), "--threshold", "0.05", "--json");

        Assert.True(exit == 0, stderr);
        var figures = JsonDocument.Parse(stdout.TrimEnd().Split('\n')[^1]).RootElement;
        Assert.Equal(0.05, figures.GetProperty("threshold").GetDouble());
        Assert.False(figures.TryGetProperty("targetOosRecall", out _));
    }

    [Fact]
    public async Task A_tuning_file_without_out_of_scope_sentences_is_refused_with_a_reason()
    {
        var tune = Write("no-oos.tsv", Topics.Select((t, i) => ($"my {t}", $"label{i}")));
        var (exit, _, stderr) = await RunAsync("eval", "intents", "--train", Train(), "--test", Held("test.tsv"), "--tune", tune);

        Assert.Equal(2, exit);
        Assert.Contains("no 'oos' sentences", stderr);
    }

    [Fact]
    public async Task A_target_recall_outside_zero_to_one_is_refused()
    {
        var (exit, _, stderr) = await RunAsync("eval", "intents", "--train", Train(), "--test", Held("test.tsv"), "--tune", Held("val.tsv"),
            "--target-oos-recall", "1.5");

        Assert.Equal(2, exit);
        Assert.Contains("--target-oos-recall", stderr);
    }

    [Fact]
    public async Task No_semantics_trains_the_same_members_without_the_token_table()
    {
        var (train, test) = (Train(), Held("test.tsv"));

        var with = await RunAsync("eval", "intents", "--train", train, "--test", test);
        var without = await RunAsync("eval", "intents", "--train", train, "--test", test, "--no-semantics");

        Assert.True(with.Exit == 0, with.Stderr);
        Assert.True(without.Exit == 0, without.Stderr);
        static int Features(string stdout) => int.Parse(Regex.Match(stdout, @"features=(\d+)").Groups[1].Value);
        // Each of the three members reads the table's dimensions on top of the same sparse features.
        Assert.Equal(Features(without.Stdout) + 3 * new SemanticOptions().Dimensions, Features(with.Stdout));
    }

    private Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args) => AppProcess.RunAsync(_data, args);

    public void Dispose() => _data.Dispose();
}
