using System.Diagnostics;

namespace ConversationalCommerce.Engine.Intents.Classification;

/// <param name="InScopeAccuracy">Accuracy over test rows whose label is not the out-of-scope label (null when there is none).</param>
/// <param name="OosRecall">Share of out-of-scope test rows predicted out of scope (null when the test set has none).</param>
public sealed record IntentEvalResult(
    int TrainCount, int TestCount, int Labels, int Features,
    double Accuracy, double? InScopeAccuracy, double? OosRecall, double MacroF1,
    double TrainSeconds, double P50PredictMs, double P99PredictMs, double Threshold)
{
    /// <summary>In-scope accuracy and out-of-scope recall at other thresholds, to choose one (empty without an oos label).</summary>
    public IReadOnlyList<(double Threshold, double InScopeAccuracy, double OosRecall)> ThresholdSweep { get; init; } = [];

    /// <summary>How many models the classifier averages.</summary>
    public int Models { get; init; } = 1;

    /// <summary>Set when <see cref="Threshold"/> was chosen on a tuning set for this out-of-scope recall there.</summary>
    public double? TargetOosRecall { get; init; }
}

/// <summary>Trains on one labelled set and scores another: the figures the eval command and the benchmark print.</summary>
public static class IntentEvaluation
{
    public const string DefaultOosLabel = "oos";

    /// <param name="threshold">
    /// Below this in-scope confidence (<see cref="InScopeConfidence"/>: best in-scope probability minus the
    /// out-of-scope probability) the prediction becomes the out-of-scope label (when the training set has one).
    /// </param>
    public static IntentEvalResult Run(IReadOnlyList<LabeledText> train, IReadOnlyList<LabeledText> test, double threshold,
        TrainerSettings? settings = null, string oosLabel = DefaultOosLabel, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var model = TextClassifierTrainer.Train(train, settings, cancellationToken);
        return Evaluate(model, train.Count, watch.Elapsed.TotalSeconds, test, threshold, oosLabel);
    }

    /// <summary>
    /// Trains once, chooses the threshold on <paramref name="tuning"/> (never on the test set) with
    /// <see cref="ChooseThreshold"/>, then scores <paramref name="test"/> with it.
    /// </summary>
    public static IntentEvalResult RunTuned(IReadOnlyList<LabeledText> train, IReadOnlyList<LabeledText> tuning, IReadOnlyList<LabeledText> test,
        double targetOosRecall, TrainerSettings? settings = null, string oosLabel = DefaultOosLabel, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var model = TextClassifierTrainer.Train(train, settings, cancellationToken);
        var trainSeconds = watch.Elapsed.TotalSeconds;
        var threshold = ChooseThreshold(model, tuning, targetOosRecall, oosLabel);
        return Evaluate(model, train.Count, trainSeconds, test, threshold, oosLabel) with { TargetOosRecall = targetOosRecall };
    }

    /// <summary>
    /// The smallest threshold, in steps of <see cref="ThresholdStep"/>, at which at least
    /// <paramref name="targetOosRecall"/> of the tuning set's out-of-scope sentences are predicted out of scope.
    /// </summary>
    public static double ChooseThreshold(TextClassifier model, IReadOnlyList<LabeledText> tuning, double targetOosRecall, string oosLabel = DefaultOosLabel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(targetOosRecall);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetOosRecall, 1);
        var oosIndex = IndexOf(model, oosLabel);
        if (oosIndex < 0) throw new ArgumentException($"The model has no '{oosLabel}' label to threshold.", nameof(model));
        var confidences = tuning.Where(t => t.Label == oosLabel)
            .Select(t => InScopeConfidence.Of(model.Predict(t.Text), oosIndex).Confidence)
            .Order()
            .ToArray();
        if (confidences.Length == 0) throw new ArgumentException($"The tuning set has no '{oosLabel}' sentences.", nameof(tuning));
        var needed = (int)Math.Ceiling(targetOosRecall * confidences.Length - 1e-9);
        if (needed == 0) return 0;
        // Out of scope when confidence < threshold: the needed-th lowest confidence must fall below it.
        var lowest = confidences[needed - 1];
        var steps = Math.Max(0, (int)Math.Floor(lowest / ThresholdStep));
        while (Math.Round(steps * ThresholdStep, 6) <= lowest) steps++;
        return Math.Round(steps * ThresholdStep, 6);
    }

    /// <summary>Granularity of <see cref="ChooseThreshold"/>.</summary>
    public const double ThresholdStep = 0.005;

    private static int IndexOf(TextClassifier model, string label)
    {
        for (var i = 0; i < model.Labels.Count; i++)
            if (model.Labels[i] == label) return i;
        return -1;
    }

    private static IntentEvalResult Evaluate(TextClassifier model, int trainCount, double trainSeconds, IReadOnlyList<LabeledText> test,
        double threshold, string oosLabel)
    {
        var oosIndex = IndexOf(model, oosLabel);
        var hasOos = oosIndex >= 0;

        var latencies = new double[test.Count];
        var predicted = new string[test.Count];
        var topLabel = new string[test.Count];
        var topConfidence = new double[test.Count];
        for (var i = 0; i < test.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var probabilities = model.Predict(test[i].Text);
            var (best, confidence) = InScopeConfidence.Of(probabilities, oosIndex);
            topLabel[i] = model.Labels[best];
            topConfidence[i] = confidence;
            predicted[i] = hasOos && confidence < threshold ? oosLabel : model.Labels[best];
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var correct = 0;
        int inScope = 0, inScopeCorrect = 0, oos = 0, oosCaught = 0;
        for (var i = 0; i < test.Count; i++)
        {
            var hit = predicted[i] == test[i].Label;
            if (hit) correct++;
            if (test[i].Label == oosLabel)
            {
                oos++;
                if (hit) oosCaught++;
            }
            else
            {
                inScope++;
                if (hit) inScopeCorrect++;
            }
        }

        Array.Sort(latencies);
        return new IntentEvalResult(trainCount, test.Count, model.ClassCount, model.FeatureCount,
            (double)correct / test.Count,
            hasOos || oos > 0 ? (inScope == 0 ? null : (double)inScopeCorrect / inScope) : null,
            oos == 0 ? null : (double)oosCaught / oos,
            MacroF1(test, predicted),
            trainSeconds, Percentile(latencies, 50), Percentile(latencies, 99), threshold)
        {
            ThresholdSweep = hasOos && oos > 0 && inScope > 0 ? Sweep(test, topLabel, topConfidence, oosLabel) : [],
            Models = model.MemberCount,
        };
    }

    private static List<(double, double, double)> Sweep(IReadOnlyList<LabeledText> test, string[] topLabel, double[] topConfidence, string oosLabel)
    {
        var sweep = new List<(double, double, double)>();
        for (var t = 0.0; t <= 0.9001; t += 0.025)
        {
            int inScope = 0, inScopeCorrect = 0, oos = 0, oosCaught = 0;
            for (var i = 0; i < test.Count; i++)
            {
                var predicted = topConfidence[i] < t ? oosLabel : topLabel[i];
                if (test[i].Label == oosLabel) { oos++; if (predicted == oosLabel) oosCaught++; }
                else { inScope++; if (predicted == test[i].Label) inScopeCorrect++; }
            }
            sweep.Add((Math.Round(t, 2), (double)inScopeCorrect / inScope, (double)oosCaught / oos));
        }
        return sweep;
    }

    private static double MacroF1(IReadOnlyList<LabeledText> test, string[] predicted)
    {
        var labels = test.Select(t => t.Label).Distinct().ToList();
        double sum = 0;
        foreach (var label in labels)
        {
            int tp = 0, fp = 0, fn = 0;
            for (var i = 0; i < test.Count; i++)
            {
                var isGold = test[i].Label == label;
                var isPred = predicted[i] == label;
                if (isGold && isPred) tp++;
                else if (isPred) fp++;
                else if (isGold) fn++;
            }
            sum += tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }
        return sum / labels.Count;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
