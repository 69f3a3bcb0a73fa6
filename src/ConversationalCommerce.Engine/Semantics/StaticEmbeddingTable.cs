using System.Runtime.InteropServices;
using System.Text;

namespace ConversationalCommerce.Engine.Semantics;

/// <summary>
/// One fixed vector per WordPiece token of a sentence encoder (<see cref="StaticEmbeddingTableBuilder"/>):
/// a sentence's vector is the weighted mean of its tokens' rows, so paraphrases and synonyms the training sentences
/// never used still land near them, at the cost of a few microseconds instead of a transformer pass. Rows are Half:
/// 30,522 tokens x 256 dimensions take 15.6 MB. Immutable; any number of threads read it at once.
/// </summary>
public sealed class StaticEmbeddingTable
{
    private const uint Magic = 0x45534343; // "CCSE"
    private const int FormatVersion = 1;
    private readonly Half[] _rows;

    public StaticEmbeddingTable(IReadOnlyList<string> vocabulary, int dimensions, Half[] rows, string source)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if (rows.Length != vocabulary.Count * dimensions)
            throw new ArgumentException($"Expected {vocabulary.Count} x {dimensions} values, got {rows.Length}.", nameof(rows));
        Tokenizer = new WordPieceTokenizer(vocabulary);
        Dimensions = dimensions;
        Source = source;
        _rows = rows;
    }

    public WordPieceTokenizer Tokenizer { get; }

    public int Dimensions { get; }

    public int TokenCount => Tokenizer.Vocabulary.Count;

    /// <summary>What the table was built from (model, version, settings): a cached table for other settings is stale.</summary>
    public string Source { get; }

    public ReadOnlySpan<Half> Row(int id) => _rows.AsSpan(id * Dimensions, Dimensions);

    /// <summary>into += weight * row(id).</summary>
    public void AddRow(int id, float weight, Span<float> into)
    {
        var row = Row(id);
        for (var d = 0; d < row.Length; d++) into[d] += weight * (float)row[d];
    }

    /// <summary>Unweighted mean of the text's token rows, L2-normalised (zero when no token is known).</summary>
    public float[] Embed(string text)
    {
        var ids = new List<int>();
        Tokenizer.Tokenize(text, ids);
        var vector = new float[Dimensions];
        foreach (var id in ids) AddRow(id, 1, vector);
        Normalize(vector);
        return vector;
    }

    public static void Normalize(Span<float> vector)
    {
        double norm = 0;
        foreach (var v in vector) norm += v * v;
        if (norm <= 0) return;
        var scale = (float)(1 / Math.Sqrt(norm));
        for (var d = 0; d < vector.Length; d++) vector[d] *= scale;
    }

    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na <= 0 || nb <= 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    public async Task SaveAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // Write beside and rename: a reader never sees half a table, and a crash leaves no corrupt cache.
        var scratch = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var file = new FileStream(scratch, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                using var buffer = new MemoryStream();
                using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
                {
                    writer.Write(Magic);
                    writer.Write(FormatVersion);
                    writer.Write(Source);
                    writer.Write(Dimensions);
                    writer.Write(TokenCount);
                    foreach (var token in Tokenizer.Vocabulary) writer.Write(token);
                    writer.Write(MemoryMarshal.AsBytes(_rows.AsSpan()));
                }
                buffer.Position = 0;
                await buffer.CopyToAsync(file, cancellationToken);
            }
            File.Move(scratch, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(scratch)) File.Delete(scratch);
        }
    }

    /// <summary>The table saved at <paramref name="path"/>, or null when there is none or it is not a table of this format.</summary>
    public static async Task<StaticEmbeddingTable?> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return null;
        try
        {
            // Rows are read straight into their array: loading never holds the file twice.
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            using var reader = new BinaryReader(file, Encoding.UTF8, leaveOpen: true);
            if (reader.ReadUInt32() != Magic || reader.ReadInt32() != FormatVersion) return null;
            var source = reader.ReadString();
            var dimensions = reader.ReadInt32();
            var count = reader.ReadInt32();
            if (dimensions is < 1 or > 4096 || count is < 1 or > 1_000_000) return null;
            var vocabulary = new string[count];
            for (var i = 0; i < count; i++) vocabulary[i] = reader.ReadString();
            var rows = new Half[count * dimensions];
            var bytes = MemoryMarshal.AsBytes(rows.AsSpan()).Length;
            if (file.Length - file.Position < bytes) return null;
            var memory = new byte[Math.Min(bytes, 1 << 20)];
            for (var offset = 0; offset < bytes;)
            {
                var chunk = Math.Min(memory.Length, bytes - offset);
                await file.ReadExactlyAsync(memory.AsMemory(0, chunk), cancellationToken);
                memory.AsSpan(0, chunk).CopyTo(MemoryMarshal.AsBytes(rows.AsSpan())[offset..]);
                offset += chunk;
            }
            return new StaticEmbeddingTable(vocabulary, dimensions, rows, source);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException or FormatException)
        {
            return null; // a truncated or foreign file: build it again
        }
    }
}
