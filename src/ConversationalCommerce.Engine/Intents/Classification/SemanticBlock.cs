using ConversationalCommerce.Engine.Semantics;

namespace ConversationalCommerce.Engine.Intents.Classification;

/// <summary>
/// The dense features of a member trained with <see cref="FeaturizerSettings.SemanticWeight"/>: the plain mean of
/// the sentence's rows in the static token table (idf weights from the training sentences scored lower on CLINC150
/// validation), L2-normalised and scaled by the block weight. They take the first <see cref="Dimensions"/> feature rows.
/// </summary>
internal sealed class SemanticBlock(StaticEmbeddingTable table, float weight)
{
    [ThreadStatic] private static List<int>? t_ids;

    public int Dimensions => table.Dimensions;

    /// <summary>The block for these settings, or null when they want none or no table is available.</summary>
    public static SemanticBlock? Create(FeaturizerSettings settings, StaticEmbeddingTable? table) =>
        settings.SemanticWeight <= 0 || table is null ? null : new SemanticBlock(table, (float)settings.SemanticWeight);

    /// <summary>Writes the block's values into <paramref name="into"/> (length <see cref="Dimensions"/>); false when no token is known.</summary>
    public bool Compute(string text, Span<float> into)
    {
        var ids = t_ids ??= new List<int>(64);
        ids.Clear();
        table.Tokenizer.Tokenize(text, ids);
        into.Clear();
        if (ids.Count == 0) return false;
        foreach (var id in ids) table.AddRow(id, 1f, into);
        double norm = 0;
        foreach (var v in into) norm += v * v;
        if (norm <= 0) return false;
        var scale = (float)(weight / Math.Sqrt(norm));
        for (var d = 0; d < into.Length; d++) into[d] *= scale;
        return true;
    }
}
