using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace ConversationalCommerce.Engine.Search.Analysis;

/// <summary>One word of a text, lower-cased. <see cref="Hyphenated"/>: written joined to the previous word with a hyphen ("t-shirt").</summary>
public readonly record struct Word(string Text, bool Hyphenated);

/// <summary>
/// Turns product text and shopper queries into index terms: lower-cased alphanumeric words, English stems,
/// stop words out. The same code runs at index and query time so both sides agree.
/// </summary>
public sealed partial class ShopperTextAnalyzer
{
    public static readonly ShopperTextAnalyzer Instance = new();

    private const int MaxCachedStems = 250_000;
    private readonly ConcurrentDictionary<string, string> _stems = new(StringComparer.Ordinal);
    private readonly ThreadLocal<EnglishStemmer> _stemmer = new(() => new EnglishStemmer());

    /// <summary>Words that carry no product meaning. Kept short: "men", "women", "kids", "set", "pack" matter in shops.</summary>
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "at", "by", "with", "from", "is", "are", "be",
        "it", "its", "this", "that", "these", "those", "as", "your", "you", "my", "our", "i", "me", "we", "any",
        "some", "please", "want", "need", "looking", "show", "find", "get", "buy", "can", "do", "does", "have", "has",
    };

    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>
    /// Words in order. Apostrophes join ("women's" -> "womens"); "1.75" and "1/2" stay whole; letters and digits
    /// written together part ("64gb" -> "64", "gb").
    /// </summary>
    public static List<Word> Words(string? text)
    {
        var words = new List<Word>();
        if (string.IsNullOrEmpty(text)) return words;
        var current = new StringBuilder(16);
        var hyphenBefore = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                // A number glued to a unit or a name ("200mg", "1/2gallon", "iphone12") is two words, as the other
                // spelling ("200 mg", "iphone 12") is; so either spelling on either side finds the other.
                if (current.Length > 0 && IsLetterDigitBoundary(current[^1], c))
                {
                    words.Add(new Word(current.ToString(), hyphenBefore));
                    current.Clear();
                    hyphenBefore = false;
                }
                current.Append(char.ToLowerInvariant(c));
                continue;
            }
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (current.Length == 0)
            {
                hyphenBefore = false;
                continue;
            }
            var prev = current[^1];
            if ((c == '\'' || c == '’') && char.IsLetter(next)) continue;
            if ((c == '.' || c == '/') && char.IsDigit(prev) && char.IsDigit(next))
            {
                current.Append(c);
                continue;
            }
            words.Add(new Word(current.ToString(), hyphenBefore));
            current.Clear();
            hyphenBefore = c == '-' && char.IsLetterOrDigit(next);
        }
        if (current.Length > 0) words.Add(new Word(current.ToString(), hyphenBefore));
        return words;
    }

    private static bool IsLetterDigitBoundary(char previous, char next) =>
        char.IsDigit(previous) ? char.IsLetter(next) : char.IsLetter(previous) && char.IsDigit(next);

    /// <summary>English stem of a lower-cased word (Porter2); numbers and very short words stay as they are.</summary>
    public string Stem(string word)
    {
        if (word.Length <= 2 || !char.IsLetter(word[0]) && word.Any(char.IsDigit)) return word;
        if (_stems.TryGetValue(word, out var cached)) return cached;
        var stemmer = _stemmer.Value!;
        stemmer.SetCurrent(word);
        stemmer.Stem();
        var stem = stemmer.Current;
        if (_stems.Count < MaxCachedStems) _stems.TryAdd(word, stem);
        return stem;
    }

    /// <summary>Stemmed terms in order, stop words dropped.</summary>
    public List<string> Terms(string? text)
    {
        var words = Words(text);
        var terms = new List<string>(words.Count);
        foreach (var w in words)
            if (!IsStopWord(w.Text)) terms.Add(Stem(w.Text));
        return terms;
    }

    /// <summary>A phrase as one comparable key: its stems joined ("T-Shirts" -> "tshirt"), for category and synonym matching.</summary>
    public string Key(string? phrase) => string.Concat(Terms(phrase));

    /// <summary>Visible text of product HTML: tags out, entities decoded.</summary>
    public static string PlainText(string? html)
    {
        if (string.IsNullOrEmpty(html)) return "";
        var text = HtmlTag().Replace(html, " ");
        return WebUtility.HtmlDecode(text);
    }

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlTag();

    internal static string Lower(string? s) => (s ?? "").Trim().ToLower(CultureInfo.InvariantCulture);
}
