using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Intents.Classification;
using ConversationalCommerce.Engine.Semantics;

namespace ConversationalCommerce.App.Cli;

/// <summary>
/// `eval intents --train FILE --test FILE [--tune FILE] [--json]`: trains the intent classifier and scores it. With
/// --tune the out-of-scope threshold is chosen on that file (a validation split), never on the test file. Needs no database.
/// </summary>
public static class EvalIntentsCommand
{
    public static Command Create()
    {
        var train = new Option<FileInfo>("--train") { Description = "TSV with header text<TAB>label to train on.", Required = true };
        var test = new Option<FileInfo>("--test") { Description = "TSV with header text<TAB>label to score.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the figures as one JSON object on the last line." };
        var threshold = new Option<double>("--threshold")
        {
            Description = "In-scope confidence (best in-scope probability minus the 'oos' probability) below which a prediction counts as out of scope (when the training set has label 'oos').",
            DefaultValueFactory = _ => IntentOptions.DefaultEvalThreshold,
        };
        var seed = new Option<int>("--seed") { Description = "Training seed.", DefaultValueFactory = _ => 42 };
        var tune = new Option<FileInfo>("--tune") { Description = "TSV to choose the threshold on (replaces --threshold): a validation split, never the test set." };
        var targetRecall = new Option<double>("--target-oos-recall")
        {
            Description = "With --tune: the smallest threshold that catches this share of the tuning file's 'oos' sentences.",
            DefaultValueFactory = _ => IntentOptions.DefaultTargetOosRecall,
        };

        var noSemantics = new Option<bool>("--no-semantics") { Description = "Train without the semantic block (the sparse members alone), for comparison." };

        var command = new Command("intents", "Train the intent classifier on one labelled set and score it on another.")
        {
            train, test, json, threshold, seed, tune, targetRecall, noSemantics,
        };
        command.SetAction(async (parse, ct) =>
        {
            var trainFile = parse.GetRequiredValue(train);
            var testFile = parse.GetRequiredValue(test);
            var tuneFile = parse.GetValue(tune);
            var target = parse.GetValue(targetRecall);
            if (target is < 0 or > 1)
            {
                Console.Error.WriteLine("--target-oos-recall must be between 0 and 1.");
                return 2;
            }
            foreach (var file in new[] { trainFile, testFile, tuneFile }.OfType<FileInfo>())
                if (!file.Exists)
                {
                    Console.Error.WriteLine($"File not found: {file.FullName}");
                    return 2;
                }
            IReadOnlyList<LabeledText> trainSet, testSet, tuneSet;
            try
            {
                trainSet = LabeledTextFile.Read(trainFile.FullName);
                testSet = LabeledTextFile.Read(testFile.FullName);
                tuneSet = tuneFile is null ? [] : LabeledTextFile.Read(tuneFile.FullName);
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }

            var semantics = parse.GetValue(noSemantics) ? null : await SemanticTableAsync(ct);
            var settings = IntentOptions.DefaultTrainer with { Seed = parse.GetValue(seed), Semantics = semantics };
            IntentEvalResult result;
            try
            {
                result = tuneFile is null
                    ? IntentEvaluation.Run(trainSet, testSet, parse.GetValue(threshold), settings, cancellationToken: ct)
                    : IntentEvaluation.RunTuned(trainSet, tuneSet, testSet, target, settings, cancellationToken: ct);
            }
            catch (ArgumentException e)
            {
                // No 'oos' label in the training or tuning file: nothing to choose a threshold for.
                Console.Error.WriteLine(e.Message);
                return 2;
            }
            Print(result);
            if (parse.GetValue(json)) Console.WriteLine(ToJson(result));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The static token table from the machine's cache (built there on first use), configured like the app by
    /// Semantics__* environment variables. Null when the model is unavailable (the sparse members still run).
    /// </summary>
    private static async Task<StaticEmbeddingTable?> SemanticTableAsync(CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var options = configuration.GetSection(SemanticOptions.Section).Get<SemanticOptions>() ?? new SemanticOptions();
        // Logs to stderr: stdout stays the figures (and the JSON line).
        using var logging = LoggerFactory.Create(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Information));
        var source = new StaticEmbeddingTableSource(options, logging.CreateLogger<StaticEmbeddingTableSource>());
        return await source.GetAsync(cancellationToken);
    }

    private static void Print(IntentEvalResult r)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"train={r.TrainCount} test={r.TestCount} labels={r.Labels} features={r.Features} models={r.Models}"));
        Console.WriteLine(string.Create(c, $"accuracy        {r.Accuracy:P2}"));
        if (r.InScopeAccuracy is { } inScope) Console.WriteLine(string.Create(c, $"in-scope acc.   {inScope:P2}"));
        if (r.OosRecall is { } recall) Console.WriteLine(string.Create(c, $"oos recall      {recall:P2} (threshold {r.Threshold})"));
        if (r.TargetOosRecall is { } target) Console.WriteLine(string.Create(c, $"threshold       {r.Threshold} chosen on the tuning file for oos recall {target:P0} there"));
        foreach (var (t, acc, rec) in r.ThresholdSweep)
            Console.WriteLine(string.Create(c, $"  threshold {t:F2}: in-scope {acc:P2}, oos recall {rec:P2}"));
        Console.WriteLine(string.Create(c, $"macro F1        {r.MacroF1:F4}"));
        Console.WriteLine(string.Create(c, $"train           {r.TrainSeconds:F2} s"));
        Console.WriteLine(string.Create(c, $"predict         p50 {r.P50PredictMs:F3} ms, p99 {r.P99PredictMs:F3} ms"));
    }

    internal static string ToJson(IntentEvalResult r)
    {
        var figures = new Dictionary<string, object>
        {
            ["accuracy"] = Math.Round(r.Accuracy, 5),
            ["macroF1"] = Math.Round(r.MacroF1, 5),
            ["trainSeconds"] = Math.Round(r.TrainSeconds, 3),
            ["p50PredictMs"] = Math.Round(r.P50PredictMs, 4),
            ["p99PredictMs"] = Math.Round(r.P99PredictMs, 4),
            ["train"] = r.TrainCount,
            ["test"] = r.TestCount,
            ["labels"] = r.Labels,
            ["models"] = r.Models,
        };
        if (r.InScopeAccuracy is { } inScope) figures["inScopeAccuracy"] = Math.Round(inScope, 5);
        if (r.OosRecall is { } recall)
        {
            figures["oosRecall"] = Math.Round(recall, 5);
            figures["threshold"] = r.Threshold;
        }
        if (r.TargetOosRecall is { } target) figures["targetOosRecall"] = target;
        return JsonSerializer.Serialize(figures);
    }
}
