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

    [ThreadStatic] private static List<ulong>? t_words;
    [ThreadStatic] private static List<ulong>? t_chars;

    internal LinearTextModel(TextFeaturizer featurizer, int classCount, Dictionary<ulong, int> featureIndex,
        float[] idf, float[] weights, float[] bias, double temperature)
    {
        _temperature = temperature;
        _featurizer = featurizer;
        ClassCount = classCount;
        _featureIndex = featureIndex;
        _idf = idf;
        _weights = weights;
        _bias = bias;
    }

    public int ClassCount { get; }

    public int FeatureCount => _featureIndex.Count;

    /// <summary>Softmax probabilities, one per class.</summary>
    public double[] Predict(string text)
    {
        var words = t_words ??= new List<ulong>(128);
        var chars = t_chars ??= new List<ulong>(512);
        words.Clear();
        chars.Clear();
        _featurizer.Extract(text, words, chars);
        var (indices, values) = Vectorize(words, chars);
        Span<float> row = stackalloc float[Stride(ClassCount)];
        row.Clear();
        AddRows(_weights, indices, values, 1f, row);
        var scores = new double[ClassCount];
        for (var c = 0; c < scores.Length; c++) scores[c] = (row[c] + _bias[c]) * _temperature;
        Softmax(scores);
        return scores;
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

    internal (int[] Indices, float[] Values) Vectorize(List<ulong> words, List<ulong> chars) =>
        Vectorize(words, chars, _featureIndex, _idf, _featurizer.Settings);

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

    internal static void Softmax(double[] scores)
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
