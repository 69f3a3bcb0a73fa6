using System.Globalization;
using System.Text;

namespace ConversationalCommerce.Engine.Semantics;

/// <summary>
/// BERT's uncased tokenizer (basic splitting, lower-casing, accent stripping, then greedy longest-match WordPiece),
/// enough to map a sentence onto the rows of a <see cref="StaticEmbeddingTable"/>: "refunds" -> "ref", "##unds".
/// </summary>
public sealed class WordPieceTokenizer
{
    private const int MaxWordLength = 100; // BERT's limit: longer words become [UNK]
    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public WordPieceTokenizer(IReadOnlyList<string> vocabulary)
    {
        Vocabulary = vocabulary;
        _ids = new Dictionary<string, int>(vocabulary.Count, StringComparer.Ordinal);
        for (var i = 0; i < vocabulary.Count; i++) _ids.TryAdd(vocabulary[i], i);
        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        UnknownId = _ids.GetValueOrDefault("[UNK]", -1);
    }

    public IReadOnlyList<string> Vocabulary { get; }

    public int UnknownId { get; }

    public int IdOf(string token) => _ids.GetValueOrDefault(token, -1);

    /// <summary>Appends the WordPiece ids of the text (no [CLS]/[SEP]); words that no pieces cover add [UNK].</summary>
    public void Tokenize(string text, List<int> ids)
    {
        var normalized = Normalize(text);
        Span<char> piece = stackalloc char[MaxWordLength + 2];
        var start = -1;
        for (var i = 0; i <= normalized.Length; i++)
        {
            var c = i < normalized.Length ? normalized[i] : ' ';
            var split = char.IsWhiteSpace(c) || IsPunctuation(c) || IsCjk(c);
            if (!split)
            {
                if (start < 0) start = i;
                continue;
            }
            if (start >= 0)
            {
                AddWord(normalized.AsSpan(start, i - start), ids, piece);
                start = -1;
            }
            if (!char.IsWhiteSpace(c) && i < normalized.Length) AddWord(normalized.AsSpan(i, 1), ids, piece);
        }
    }

    private void AddWord(ReadOnlySpan<char> word, List<int> ids, Span<char> piece)
    {
        if (word.Length > MaxWordLength)
        {
            if (UnknownId >= 0) ids.Add(UnknownId);
            return;
        }
        var mark = ids.Count;
        for (var start = 0; start < word.Length;)
        {
            var found = -1;
            var end = word.Length;
            for (; end > start; end--)
            {
                var length = 0;
                if (start > 0) { piece[0] = '#'; piece[1] = '#'; length = 2; }
                word[start..end].CopyTo(piece[length..]);
                length += end - start;
                if (_lookup.TryGetValue(piece[..length], out var id)) { found = id; break; }
            }
            if (found < 0)
            {
                // BERT drops the whole word's pieces when any part is not covered.
                ids.RemoveRange(mark, ids.Count - mark);
                if (UnknownId >= 0) ids.Add(UnknownId);
                return;
            }
            ids.Add(found);
            start = end;
        }
    }

    /// <summary>Lower case without accents or control characters ("Café" -> "cafe"), as the uncased model was trained.</summary>
    private static string Normalize(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            if (c == 0 || c == 0xFFFD || (char.IsControl(c) && !char.IsWhiteSpace(c))) continue;
            builder.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }
        return builder.ToString();
    }

    private static bool IsPunctuation(char c) =>
        c is >= '!' and <= '/' or >= ':' and <= '@' or >= '[' and <= '`' or >= '{' and <= '~' || char.IsPunctuation(c);

    private static bool IsCjk(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';
}
