using System.Numerics;
using System.Runtime.InteropServices;

namespace ConversationalCommerce.Engine.Intents.Classification;

/// <summary>
/// One multinomial logistic-regression model over one featurization of the text. Immutable once built,
/// so any number of threads can score with it at the same time.
/// </summary>
internal sealed class LinearTextModel
{
    private readonly TextFeaturizer _featurizer;
    private readonly Dictionary<ulong, int> _featureIndex;
    private readonly float[] _idf;
    private readonly float[] _weights; // feature-major, one SIMD-padded row per feature: _weights[f * Stride(ClassCount) + c]
    private readonly float[] _bias;
    private readonly double _temperature; // scales margins into probabilities
    private readonly SemanticBlock? _semantic; // dense rows 0..Dimensions-1 when present

    [ThreadStatic] private static List<ulong>? t_words;
    [ThreadStatic] private static List<ulong>? t_chars;
    [ThreadStatic] private static List<int>? t_rows;

    internal LinearTextModel(TextFeaturizer featurizer, int classCount, Dictionary<ulong, int> featureIndex,
        float[] idf, float[] weights, float[] bias, double temperature, SemanticBlock? semantic = null)
    {
        _semantic = semantic;
        _temperature = temperature;
        _featurizer = featurizer;
        ClassCount = classCount;
        _featureIndex = featureIndex;
        _idf = idf;
        _weights = weights;
        _bias = bias;
    }

    public int ClassCount { get; }

    public int FeatureCount => _featureIndex.Count + (_semantic?.Dimensions ?? 0);

    /// <summary>Softmax probabilities, one per class.</summary>
    public double[] Predict(string text)
    {
        var probabilities = new double[ClassCount];
        AddProbabilities(text, probabilities, 1);
        return probabilities;
    }

    /// <summary>
    /// into[c] += share * P(c | text). Allocation-free apart from the tokens: a chat turn (or an ensemble's several
    /// members) adds no garbage for the collector to pause on.
    /// </summary>
    public void AddProbabilities(string text, Span<double> into, double share)
    {
        var words = t_words ??= new List<ulong>(128);
        var chars = t_chars ??= new List<ulong>(512);
        var rows = t_rows ??= new List<int>(512);
        words.Clear();
        chars.Clear();
        _featurizer.Extract(text, words, chars);
        Span<float> row = stackalloc float[Stride(ClassCount)];
        row.Clear();
        if (_semantic is not null) AddDense(text, row);
        AddBlock(words, _featurizer.Settings.WordWeight, rows, row);
        AddBlock(chars, _featurizer.Settings.CharWeight, rows, row);
        Span<double> scores = ClassCount <= 1024 ? stackalloc double[ClassCount] : new double[ClassCount];
        for (var c = 0; c < scores.Length; c++) scores[c] = (row[c] + _bias[c]) * _temperature;
        Softmax(scores);
        for (var c = 0; c < scores.Length; c++) into[c] += share * scores[c];
    }

    /// <summary>
    /// The same sublinear tf-idf block as <see cref="Vectorize"/> builds for training, added straight into the
    /// scores: feature rows sorted and counted in a reused list instead of a dictionary per sentence.
    /// </summary>
    private void AddBlock(List<ulong> hashes, double weight, List<int> rows, Span<float> into)
    {
        if (weight <= 0) return;
        rows.Clear();
        foreach (var h in hashes)
            if (_featureIndex.TryGetValue(h, out var index)) rows.Add(index);
        if (rows.Count == 0) return;
        var sorted = CollectionsMarshal.AsSpan(rows);
        sorted.Sort();
        double norm = 0;
        for (var start = 0; start < sorted.Length;)
        {
            var end = Run(sorted, start);
            var v = (1 + Math.Log(end - start)) * _idf[sorted[start]];
            norm += v * v;
            start = end;
        }
        if (norm <= 0) return;
        var scale = weight / Math.Sqrt(norm);
        var stride = into.Length;
        var target = MemoryMarshal.Cast<float, Vector<float>>(into);
        for (var start = 0; start < sorted.Length;)
        {
            var end = Run(sorted, start);
            var index = sorted[start];
            var weightRow = MemoryMarshal.Cast<float, Vector<float>>(_weights.AsSpan(index * stride, stride));
            var x = new Vector<float>((float)((1 + Math.Log(end - start)) * _idf[index] * scale));
            for (var j = 0; j < target.Length; j++) target[j] += weightRow[j] * x;
            start = end;
        }
    }

    private void AddDense(string text, Span<float> into)
    {
        Span<float> values = stackalloc float[_semantic!.Dimensions];
        if (!_semantic.Compute(text, values)) return;
        var stride = into.Length;
        var target = MemoryMarshal.Cast<float, Vector<float>>(into);
        for (var d = 0; d < values.Length; d++)
        {
            var weightRow = MemoryMarshal.Cast<float, Vector<float>>(_weights.AsSpan(d * stride, stride));
            var x = new Vector<float>(values[d]);
            for (var j = 0; j < target.Length; j++) target[j] += weightRow[j] * x;
        }
    }

    private static int Run(ReadOnlySpan<int> sorted, int start)
    {
        var end = start + 1;
        while (end < sorted.Length && sorted[end] == sorted[start]) end++;
        return end;
    }

    /// <summary>Row length of the weight matrix: the class count rounded up to whole SIMD vectors.</summary>
    internal static int Stride(int classes) => (classes + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;

    /// <summary>into += scale * Σ values[k] * weights[row indices[k]]: the whole score (or update) is a few SIMD AXPYs.</summary>
    internal static void AddRows(float[] weights, int[] indices, float[] values, float scale, Span<float> into)
    {
        var stride = into.Length;
        var target = MemoryMarshal.Cast<float, Vector<float>>(into);
        for (var k = 0; k < indices.Length; k++)
        {
            var row = MemoryMarshal.Cast<float, Vector<float>>(weights.AsSpan(indices[k] * stride, stride));
            var x = new Vector<float>(values[k] * scale);
            for (var j = 0; j < target.Length; j++) target[j] += row[j] * x;
        }
    }

    /// <summary>Sublinear tf-idf per block, each block L2-normalised, then the blocks weighted and joined.</summary>
    internal static (int[] Indices, float[] Values) Vectorize(List<ulong> words, List<ulong> chars,
        Dictionary<ulong, int> featureIndex, float[] idf, FeaturizerSettings settings)
    {
        var wordPart = Block(words, featureIndex, idf, settings.WordWeight);
        var charPart = Block(chars, featureIndex, idf, settings.CharWeight);
        var indices = new int[wordPart.Count + charPart.Count];
        var values = new float[indices.Length];
        var i = 0;
        foreach (var (index, value) in wordPart.Concat(charPart))
        {
            indices[i] = index;
            values[i++] = value;
        }
        return (indices, values);
    }

    private static List<(int Index, float Value)> Block(List<ulong> hashes, Dictionary<ulong, int> featureIndex, float[] idf, double weight)
    {
        if (weight <= 0) return [];
        var counts = new Dictionary<int, int>(hashes.Count);
        foreach (var h in hashes)
            if (featureIndex.TryGetValue(h, out var index))
                counts[index] = counts.GetValueOrDefault(index) + 1;
        var result = new List<(int, float)>(counts.Count);
        double norm = 0;
        foreach (var (index, count) in counts)
        {
            var v = (1 + Math.Log(count)) * idf[index];
            norm += v * v;
        }
        if (norm <= 0) return result;
        var scale = weight / Math.Sqrt(norm);
        foreach (var (index, count) in counts)
            result.Add((index, (float)((1 + Math.Log(count)) * idf[index] * scale)));
        return result;
    }

    internal static void Softmax(Span<double> scores)
    {
        var max = double.NegativeInfinity;
        foreach (var s in scores) max = Math.Max(max, s);
        double sum = 0;
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = Math.Exp(scores[c] - max);
            sum += scores[c];
        }
        for (var c = 0; c < scores.Length; c++) scores[c] /= sum;
    }
}
