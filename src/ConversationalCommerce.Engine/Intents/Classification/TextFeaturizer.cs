namespace ConversationalCommerce.Engine.Intents.Classification;

/// <summary>
/// Turns a sentence into hashed sparse features: word unigrams and bigrams (meaning and word order)
/// plus character n-grams inside each word (robust to typos and inflections: "recomend", "shirts").
/// Hashing keeps prediction allocation-free apart from the token list.
/// </summary>
public sealed class TextFeaturizer(FeaturizerSettings settings)
{
    private const ulong WordSeed = 0x9E3779B97F4A7C15UL;
    private const ulong BigramSeed = 0xC2B2AE3D27D4EB4FUL;
    private const ulong CharSeed = 0x165667B19E3779F9UL;
    private const ulong StemSeed = 0x27D4EB2F165667C5UL;
    private const ulong PairSeed = 0xD6E8FEB86659FD93UL;

    public FeaturizerSettings Settings { get; } = settings;

    /// <summary>Lower-cased word tokens; apostrophes vanish ("what's" -> "whats") and digit runs become "#".</summary>
    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        Span<char> buffer = stackalloc char[64];
        var length = 0;
        var numeric = true;
        void Flush(List<string> into, Span<char> buf)
        {
            if (length == 0) return;
            into.Add(numeric ? "#" : new string(buf[..Math.Min(length, buf.Length)]));
            length = 0;
            numeric = true;
        }
        foreach (var raw in text)
        {
            if (raw is '\'' or '’') continue;
            if (char.IsLetterOrDigit(raw))
            {
                if (length < buffer.Length) buffer[length] = char.ToLowerInvariant(raw);
                length++;
                if (!char.IsDigit(raw)) numeric = false;
            }
            else if (numeric && length > 0 && raw is '.' or ',')
            {
                // "1,200" and "1.5" stay one number token.
            }
            else
            {
                Flush(tokens, buffer);
            }
        }
        Flush(tokens, buffer);
        return tokens;
    }

    /// <summary>Appends the word-level and character-level feature hashes of the text.</summary>
    public void Extract(string text, List<ulong> wordFeatures, List<ulong> charFeatures)
    {
        var (wordStart, charStart) = (wordFeatures.Count, charFeatures.Count);
        ExtractAll(text, wordFeatures, charFeatures);
        // A block weighted 0 adds nothing: no idf entry, no weight row.
        if (Settings.WordWeight <= 0) wordFeatures.RemoveRange(wordStart, wordFeatures.Count - wordStart);
        if (Settings.CharWeight <= 0) charFeatures.RemoveRange(charStart, charFeatures.Count - charStart);
    }

    private void ExtractAll(string text, List<ulong> wordFeatures, List<ulong> charFeatures)
    {
        var tokens = Tokenize(text);
        var previous = Hash("<s>", WordSeed);
        Span<char> padded = stackalloc char[66];
        foreach (var token in tokens)
        {
            var h = Hash(token, WordSeed);
            wordFeatures.Add(h);
            if (Settings.Stems && Stem(token) is { } stem) wordFeatures.Add(Hash(stem, StemSeed));
            wordFeatures.Add(Mix(previous, h) ^ BigramSeed);
            previous = h;

            if (token == "#") continue;
            var len = Math.Min(token.Length, 64);
            padded[0] = ' ';
            token.AsSpan(0, len).CopyTo(padded[1..]);
            padded[len + 1] = ' ';
            var word = padded[..(len + 2)];
            for (var n = Settings.CharMin; n <= Settings.CharMax; n++)
                for (var i = 0; i + n <= word.Length; i++)
                    charFeatures.Add(Hash(word.Slice(i, n), CharSeed + (ulong)n));
        }
        if (tokens.Count > 0) wordFeatures.Add(Mix(previous, Hash("</s>", WordSeed)) ^ BigramSeed);

        if (Settings.WordPairs && tokens.Count > 2)
        {
            // Unordered pairs of words anywhere in the sentence ("balance" with "bank"): a cheap second-order term.
            var count = Math.Min(tokens.Count, 16);
            Span<ulong> hashes = stackalloc ulong[count];
            for (var i = 0; i < count; i++) hashes[i] = Hash(tokens[i], WordSeed);
            for (var i = 0; i < count; i++)
                for (var j = i + 2; j < count; j++)
                {
                    var (a, b) = hashes[i] < hashes[j] ? (hashes[i], hashes[j]) : (hashes[j], hashes[i]);
                    if (a != b) wordFeatures.Add(Mix(a, b) ^ PairSeed);
                }
        }

        if (Settings.CrossWordMax > 0 && tokens.Count > 1)
        {
            // Character n-grams that span a word boundary ("e mug", "t me"): fuzzy word pairs.
            var joined = string.Join(' ', tokens);
            for (var n = 3; n <= Settings.CrossWordMax; n++)
                for (var i = 0; i + n <= joined.Length; i++)
                {
                    var gram = joined.AsSpan(i, n);
                    var space = gram.IndexOf(' ');
                    if (space > 0 && space < n - 1) charFeatures.Add(Hash(gram, CharSeed * 3 + (ulong)n));
                }
        }
    }

    /// <summary>A crude suffix strip ("recommendations" -> "recommendation", "booked" -> "book") or null when nothing changes.</summary>
    private static string? Stem(string token)
    {
        if (token.Length <= 4) return null;
        foreach (var suffix in Suffixes)
            if (token.Length - suffix.Length >= 3 && token.EndsWith(suffix, StringComparison.Ordinal))
                return token[..^suffix.Length];
        return null;
    }

    private static readonly string[] Suffixes = ["ations", "ation", "ings", "ing", "edly", "ed", "ies", "es", "ly", "s"];

    private static ulong Hash(ReadOnlySpan<char> s, ulong seed)
    {
        var h = 14695981039346656037UL ^ seed;
        foreach (var c in s)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return Finalize(h);
    }

    private static ulong Mix(ulong a, ulong b) => Finalize(a * 31 + b);

    private static ulong Finalize(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }
}

/// <param name="CharMin">Shortest character n-gram (a word is padded with spaces on both sides).</param>
/// <param name="CharWeight">Weight of the character block against the word block (each block is L2-normalised; 0: no character features).</param>
/// <param name="CrossWordMax">Longest character n-gram spanning two words (0 = none).</param>
/// <param name="Stems">Also add a suffix-stripped form of each word.</param>
/// <param name="WordWeight">Weight of the word block (0: no word features, a character-only model).</param>
/// <param name="WordPairs">Also add unordered pairs of non-adjacent words (a second-order term a linear model cannot form itself).</param>
/// <param name="SemanticWeight">
/// Weight of the dense semantic block: the mean of the sentence's rows in the static token table
/// (<see cref="TrainerSettings.Semantics"/>), L2-normalised. 0, or no table: no semantic block.
/// </param>
public sealed record FeaturizerSettings(int CharMin = 2, int CharMax = 5, double CharWeight = 1.0, int CrossWordMax = 0, bool Stems = false,
    double WordWeight = 1.0, bool WordPairs = false, double SemanticWeight = 0);
