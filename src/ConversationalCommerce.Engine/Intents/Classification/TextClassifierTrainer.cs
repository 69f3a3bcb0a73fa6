using System.Numerics;
using System.Runtime.InteropServices;
using ConversationalCommerce.Engine.Semantics;

namespace ConversationalCommerce.Engine.Intents.Classification;

/// <param name="Epochs">Passes of stochastic gradient descent over the shuffled examples.</param>
/// <param name="LearningRate">Initial step; it decays as 1 / (1 + rate * l2 * t).</param>
/// <param name="L2">Weight decay per example; larger for small training sets keeps confidences honest.</param>
/// <param name="Seed">Shuffling seed: the same data and seed give the same model.</param>
/// <param name="Members">
/// Several featurizations, each trained into its own model with these settings; the classifier averages their
/// probabilities. Null or empty: one model on <paramref name="Features"/>.
/// </param>
/// <param name="Semantics">
/// The static token table for members with <see cref="FeaturizerSettings.SemanticWeight"/>; null: they train on
/// their sparse blocks alone (the model could not be read: worse, never broken).
/// </param>
public sealed record TrainerSettings(
    int Epochs = 30,
    double LearningRate = 0.5,
    double L2 = 1e-5,
    int Seed = 42,
    FeaturizerSettings? Features = null,
    int AveragedEpochs = 0,
    bool Hinge = false,
    double Temperature = 1,
    IReadOnlyDictionary<string, double>? LabelWeights = null,
    IReadOnlyList<FeaturizerSettings>? Members = null,
    StaticEmbeddingTable? Semantics = null);

/// <summary>Trains <see cref="TextClassifier"/> with softmax regression and SGD (optionally averaged). Deterministic for a seed.</summary>
public static class TextClassifierTrainer
{
    public static TextClassifier Train(IReadOnlyList<LabeledText> examples, TrainerSettings? settings = null, CancellationToken cancellationToken = default)
    {
        settings ??= new TrainerSettings();
        if (examples.Count == 0) throw new ArgumentException("Training needs at least one example.", nameof(examples));
        var labels = examples.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var targets = examples.Select(e => labelIndex[e.Label]).ToArray();
        var labelWeights = labels.Select(l => settings.LabelWeights?.GetValueOrDefault(l, 1.0) ?? 1.0).ToArray();

        FeaturizerSettings[] featurizations = settings.Members is { Count: > 0 } members
            ? [.. members]
            : [settings.Features ?? new FeaturizerSettings()];
        // The examples' semantic vectors are the same for every member (only the block weight differs): computed once.
        var sentenceVectors = featurizations.Any(f => f.SemanticWeight > 0) && settings.Semantics is { } table
            ? SentenceVectors(examples, table)
            : null;
        // Members share nothing else, so they train side by side; each is deterministic for the seed.
        var models = new LinearTextModel[featurizations.Length];
        if (models.Length == 1)
            models[0] = TrainMember(examples, sentenceVectors, targets, labelWeights, labels.Length, featurizations[0], settings, cancellationToken);
        else Parallel.For(0, featurizations.Length, new ParallelOptions { CancellationToken = cancellationToken },
            m => models[m] = TrainMember(examples, sentenceVectors, targets, labelWeights, labels.Length, featurizations[m], settings, cancellationToken));
        return new TextClassifier(labels, models);
    }

    /// <summary>Each example's unit-length semantic vector (weight 1), or null when it has no known token.</summary>
    private static float[]?[] SentenceVectors(IReadOnlyList<LabeledText> examples, StaticEmbeddingTable table)
    {
        var unit = new SemanticBlock(table, 1f);
        var vectors = new float[]?[examples.Count];
        for (var i = 0; i < examples.Count; i++)
        {
            var vector = new float[unit.Dimensions];
            if (unit.Compute(examples[i].Text, vector)) vectors[i] = vector;
        }
        return vectors;
    }

    private static LinearTextModel TrainMember(IReadOnlyList<LabeledText> examples, float[]?[]? sentenceVectors, int[] targets, double[] labelWeights, int classes,
        FeaturizerSettings features, TrainerSettings settings, CancellationToken cancellationToken)
    {
        var featurizer = new TextFeaturizer(features);

        // Featurize once; document frequencies give the idf.
        var words = new List<ulong>[examples.Count];
        var chars = new List<ulong>[examples.Count];
        var featureIndex = new Dictionary<ulong, int>();
        var documentFrequency = new List<int>();
        var seen = new HashSet<ulong>();
        for (var i = 0; i < examples.Count; i++)
        {
            words[i] = [];
            chars[i] = [];
            featurizer.Extract(examples[i].Text, words[i], chars[i]);
            seen.Clear();
            foreach (var h in words[i].Concat(chars[i]))
            {
                if (!seen.Add(h)) continue;
                if (!featureIndex.TryGetValue(h, out var index))
                {
                    index = featureIndex.Count;
                    featureIndex[h] = index;
                    documentFrequency.Add(0);
                }
                documentFrequency[index]++;
            }
        }
        var idf = new float[featureIndex.Count];
        for (var f = 0; f < idf.Length; f++)
            idf[f] = (float)(Math.Log((1.0 + examples.Count) / (1.0 + documentFrequency[f])) + 1.0);

        // The semantic block's dimensions take the first rows; the sparse features follow them.
        var semantic = SemanticBlock.Create(features, settings.Semantics);
        var dense = semantic?.Dimensions ?? 0;
        if (dense > 0)
        {
            foreach (var key in featureIndex.Keys) featureIndex[key] += dense;
            idf = [.. new float[dense], .. idf];
        }
        var vectors = new (int[] Indices, float[] Values)[examples.Count];
        for (var i = 0; i < examples.Count; i++)
            vectors[i] = LinearTextModel.Vectorize(words[i], chars[i], featureIndex, idf, featurizer.Settings);

        var denseVectors = semantic is null ? null : sentenceVectors;
        var (weights, bias) = Fit(vectors, denseVectors, (float)features.SemanticWeight, targets, labelWeights, classes, featureIndex.Count + dense,
            settings, cancellationToken);
        return new LinearTextModel(featurizer, classes, featureIndex, idf, weights, bias, settings.Temperature, semantic);
    }

    /// <summary>
    /// SGD on the softmax cross-entropy with L2 applied lazily through a global scale factor, so each
    /// step only touches the rows of the example's features.
    /// </summary>
    /// <param name="dense">Per example the unit semantic vector for weight rows 0..length-1 (scaled by <paramref name="denseWeight"/>), or null.</param>
    private static (float[] Weights, float[] Bias) Fit((int[] Indices, float[] Values)[] vectors, float[]?[]? dense, float denseWeight, int[] targets, double[] labelWeights, int classes, int features,
        TrainerSettings settings, CancellationToken cancellationToken)
    {
        var stride = LinearTextModel.Stride(classes);
        var w = new float[features * stride];
        var b = new double[classes];
        var scale = 1.0;
        var averaged = settings.AveragedEpochs > 0 ? new double[w.Length] : null;
        var averagedBias = new double[classes];
        var snapshots = 0;
        var order = Enumerable.Range(0, vectors.Length).ToArray();
        var random = new Random(settings.Seed);
        var raw = new float[stride];
        var gradient = new float[stride];
        var scores = new double[classes];
        var lambda = settings.L2;
        long t = 0;
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            random.Shuffle(order);
            foreach (var i in order)
            {
                var eta = settings.LearningRate / (1 + settings.LearningRate * lambda * t++);
                var (indices, values) = vectors[i];
                Array.Clear(raw);
                var denseRow = dense?[i];
                if (denseRow is not null) AddDenseRows(w, denseRow, denseWeight, raw);
                LinearTextModel.AddRows(w, indices, values, 1f, raw);
                for (var c = 0; c < classes; c++) scores[c] = raw[c] * scale + b[c];
                if (settings.Hinge)
                {
                    var y = targets[i];
                    var rival = -1;
                    for (var c = 0; c < classes; c++)
                        if (c != y && (rival < 0 || scores[c] > scores[rival])) rival = c;
                    var violated = scores[y] - scores[rival] < 1;
                    Array.Clear(scores);
                    if (violated) { scores[y] = -1; scores[rival] = 1; }
                }
                else
                {
                    LinearTextModel.Softmax(scores);
                    scores[targets[i]] -= 1; // now the gradient of the loss w.r.t. each score
                }

                scale *= 1 - eta * lambda;
                var step = eta * labelWeights[targets[i]] / scale;
                for (var c = 0; c < classes; c++) gradient[c] = (float)scores[c];
                if (denseRow is not null) UpdateDense(w, denseRow, denseWeight, (float)-step, gradient);
                Update(w, indices, values, (float)-step, gradient);
                for (var c = 0; c < classes; c++) b[c] -= eta * labelWeights[targets[i]] * scores[c];

                if (scale < 1e-4)
                {
                    for (var j = 0; j < w.Length; j++) w[j] = (float)(w[j] * scale);
                    scale = 1;
                }
            }
            if (averaged is not null && epoch >= settings.Epochs - settings.AveragedEpochs)
            {
                for (var j = 0; j < w.Length; j++) averaged[j] += w[j] * scale;
                for (var c = 0; c < classes; c++) averagedBias[c] += b[c];
                snapshots++;
            }
        }
        if (averaged is not null)
        {
            for (var j = 0; j < w.Length; j++) w[j] = (float)(averaged[j] / snapshots);
            return (w, averagedBias.Select(v => (float)(v / snapshots)).ToArray());
        }
        for (var j = 0; j < w.Length; j++) w[j] = (float)(w[j] * scale);
        return (w, b.Select(v => (float)v).ToArray());
    }

    /// <summary>into += Σ_d weight * dense[d] * weights[row d]: the semantic block's share of the scores.</summary>
    private static void AddDenseRows(float[] weights, float[] dense, float weight, float[] into)
    {
        var stride = into.Length;
        var target = MemoryMarshal.Cast<float, Vector<float>>(into.AsSpan());
        for (var d = 0; d < dense.Length; d++)
        {
            var row = MemoryMarshal.Cast<float, Vector<float>>(weights.AsSpan(d * stride, stride));
            var x = new Vector<float>(dense[d] * weight);
            for (var j = 0; j < target.Length; j++) target[j] += row[j] * x;
        }
    }

    /// <summary>weights[row d] += step * weight * dense[d] * gradient for the semantic block's rows.</summary>
    private static void UpdateDense(float[] weights, float[] dense, float weight, float step, float[] gradient)
    {
        var stride = gradient.Length;
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradient.AsSpan());
        for (var d = 0; d < dense.Length; d++)
        {
            var row = MemoryMarshal.Cast<float, Vector<float>>(weights.AsSpan(d * stride, stride));
            var x = new Vector<float>(dense[d] * weight * step);
            for (var j = 0; j < g.Length; j++) row[j] += g[j] * x;
        }
    }

    /// <summary>weights[row indices[k]] += step * values[k] * gradient, a SIMD AXPY per feature of the example.</summary>
    private static void Update(float[] weights, int[] indices, float[] values, float step, float[] gradient)
    {
        var stride = gradient.Length;
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradient.AsSpan());
        for (var k = 0; k < indices.Length; k++)
        {
            var row = MemoryMarshal.Cast<float, Vector<float>>(weights.AsSpan(indices[k] * stride, stride));
            var x = new Vector<float>(values[k] * step);
            for (var j = 0; j < g.Length; j++) row[j] += g[j] * x;
        }
    }
}
