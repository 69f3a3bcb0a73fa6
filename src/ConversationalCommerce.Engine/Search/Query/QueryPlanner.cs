using ConversationalCommerce.Engine.Search.Analysis;
using ConversationalCommerce.Engine.Search.Index;

namespace ConversationalCommerce.Engine.Search.Query;

/// <summary>Turns shopper text into query groups against one index: stems, joined phrases, synonyms, typo corrections.</summary>
public sealed class QueryPlanner(ShopperTextAnalyzer analyzer, ShopperSynonyms synonyms)
{
    public static QueryPlanner Instance { get; } = new(ShopperTextAnalyzer.Instance, ShopperSynonyms.Instance);

    /// <summary>The shopper's own word is the best evidence; a synonym is nearly as good.</summary>
    private const float SynonymWeight = 0.85f;
    /// <summary>A corrected typo is probably, not surely, what was meant.</summary>
    private const float TypoWeight = 0.6f;
    /// <summary>The head noun of a joined phrase ("shirt" of "t-shirt") still says something when the phrase is absent.</summary>
    private const float HeadWeight = 0.5f;
    private const int MinTypoLength = 5;

    public QueryPlan Plan(ShopIndex index, string? text)
    {
        var words = ShopperTextAnalyzer.Words(text);
        var stems = new List<(string Stem, string Word, bool Hyphenated)>(words.Count);
        var excluded = new List<int>();
        // The product noun is the last plain word before a modifier starts ("sandals" of "sandals for women"):
        // not a number, not who it is for.
        var headStem = -1;
        var modifier = false;
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i].Text;
            if (stems.Count > 0 && ShopperCues.ModifierStarts.Contains(w)) modifier = true;
            if (ShopperCues.Negations.Contains(w))
            {
                // "without straw": the straw is not searched for; products that have one rank lower.
                if (i + 1 < words.Count && !ShopperTextAnalyzer.IsStopWord(words[i + 1].Text)
                    && index.TermId(analyzer.Stem(words[i + 1].Text)) is >= 0 and var id)
                    excluded.Add(id);
                i++;
                continue;
            }
            if (ShopperTextAnalyzer.IsStopWord(w)) continue;
            if (!modifier && !w.Any(char.IsDigit) && !ShopperCues.Audiences.Contains(w)) headStem = stems.Count;
            stems.Add((analyzer.Stem(w), w, words[i].Hyphenated));
        }

        var groups = new List<QueryGroup>(stems.Count);
        var unmatched = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var headGroup = -1;
        for (var i = 0; i < stems.Count; i++)
        {
            var phrase = JoinedPhrase(index, stems, i, out var length);
            if (phrase is not null)
            {
                var alternatives = new List<TermAlternative>();
                Add(alternatives, index, phrase, 1f);
                foreach (var s in synonyms.SynonymsOf(phrase)) Add(alternatives, index, s, SynonymWeight);
                Add(alternatives, index, stems[i + length - 1].Stem, HeadWeight);
                if (!AddGroup(string.Join(' ', stems.Skip(i).Take(length).Select(s => s.Stem)), alternatives, headStem >= i && headStem < i + length))
                    unmatched.Add(string.Join(' ', stems.Skip(i).Take(length).Select(s => s.Word)));
                i += length - 1;
                continue;
            }

            var stem = stems[i].Stem;
            var alts = new List<TermAlternative>();
            Add(alts, index, stem, 1f);
            foreach (var s in synonyms.SynonymsOf(stem)) Add(alts, index, s, SynonymWeight);
            // Typos are corrected only for words the catalog does not know, from both the stem and the word as
            // typed (stemming a misspelling can move it further from the catalog's stem). A word typed with four
            // letters or fewer has too many neighbours to guess from: "gear" is one edit from "bear", "year" and "ear".
            if (MayBeTypo(index, analyzer, stems[i].Word))
                foreach (var near in index.NearTerms(stem).Concat(index.NearTerms(stems[i].Word)))
                    if (alts.All(a => a.TermId != near)) alts.Add(new TermAlternative(near, TypoWeight));
            if (!AddGroup(stem, alts, headStem == i) && !unmatched.Contains(stems[i].Word)) unmatched.Add(stems[i].Word);
        }
        return new QueryPlan(groups, headGroup, excluded.ToArray()) { Unmatched = unmatched };

        // False when the catalog has no word for the concept at all.
        bool AddGroup(string groupText, List<TermAlternative> alternatives, bool isHead)
        {
            if (alternatives.Count == 0) return false;
            // A repeated word ("linen shirts shirt") is one concept; its last place still decides the product noun.
            if (seen.TryGetValue(groupText, out var existing))
            {
                if (isHead) headGroup = existing;
                return true;
            }
            seen[groupText] = groups.Count;
            var idf = alternatives.Max(a => index.Idf[a.TermId] * a.Weight);
            if (isHead) headGroup = groups.Count;
            groups.Add(new QueryGroup(groupText, alternatives.ToArray(), idf));
            return true;
        }
    }

    /// <summary>A word the catalog does not know, long enough to be corrected (see <see cref="TypoCorrector"/>).</summary>
    public static bool MayBeTypo(ShopIndex index, ShopperTextAnalyzer analyzer, string word) =>
        word.Length >= MinTypoLength && word.All(char.IsLetter) && index.TermId(analyzer.Stem(word)) < 0;

    /// <summary>Known synonym phrases ("tank top") and hyphenated words the catalog also writes joined ("t-shirt").</summary>
    private string? JoinedPhrase(ShopIndex index, List<(string Stem, string Word, bool Hyphenated)> stems, int start, out int length)
    {
        for (var n = Math.Min(ShopperSynonyms.MaxPhraseTerms, stems.Count - start); n >= 2; n--)
        {
            var joined = string.Concat(stems.Skip(start).Take(n).Select(s => s.Stem));
            var hyphenated = n == 2 && stems[start + 1].Hyphenated && index.TermId(joined) >= 0;
            if (synonyms.PhraseKeys.Contains(joined) || hyphenated)
            {
                length = n;
                return joined;
            }
        }
        length = 1;
        return null;
    }

    private static void Add(List<TermAlternative> alternatives, ShopIndex index, string term, float weight)
    {
        var id = index.TermId(term);
        if (id < 0) return;
        for (var i = 0; i < alternatives.Count; i++)
        {
            if (alternatives[i].TermId != id) continue;
            if (alternatives[i].Weight < weight) alternatives[i] = new TermAlternative(id, weight);
            return;
        }
        alternatives.Add(new TermAlternative(id, weight));
    }
}
