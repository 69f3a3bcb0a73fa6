using System.Text.RegularExpressions;
using ConversationalCommerce.Engine.Entities;

namespace ConversationalCommerce.Engine.Conversation.Turns;

/// <summary>
/// The specific thing a product question asks about ("are they waterproof?" -> waterproof, "does it come with a
/// case?" -> case): the question's words minus chatter, question words, the product's own name and the general topic
/// words that have their own answers (material, size, care).
/// </summary>
public static partial class AskedAbout
{
    private static readonly HashSet<string> QuestionWords = new(StringComparer.Ordinal)
    {
        "how", "does", "do", "is", "are", "will", "would", "come", "comes", "came", "include", "includes", "included",
        "last", "lasts", "first", "second", "third", "fourth", "fifth", "details", "detail", "info", "information", "tell",
        "much", "many", "long", "well", "work", "works", "hold", "holds", "true", "real", "actually", "really", "mean",
        // Words that pick the product ("the most expensive one"), not what is asked about it.
        "cheaper", "cheapest", "expensive", "pricier", "priciest", "dearer", "dearest", "least", "affordable", "priced",
    };

    /// <summary>Words a product description uses for what shoppers ask in other words.</summary>
    private static readonly Dictionary<string, string[]> Synonyms = new(StringComparer.Ordinal)
    {
        ["waterproof"] = ["waterproof", "water-resistant", "water-repellent", "weatherproof", "splash"],
        ["water-resistant"] = ["waterproof", "water-resistant", "water-repellent", "weatherproof", "splash"],
        ["vegan"] = ["vegan", "plant-based", "cruelty-free"],
        ["warranty"] = ["warranty", "guarantee"],
        ["guarantee"] = ["warranty", "guarantee"],
        ["handmade"] = ["handmade", "hand-made", "handcrafted", "hand-thrown", "hand-poured", "hand-stitched", "hand-knit", "hand-finished"],
        ["hypoallergenic"] = ["hypoallergenic", "nickel-free", "sensitive"],
        ["battery"] = ["battery", "batteries", "charge", "rechargeable"],
        ["case"] = ["case", "pouch", "sleeve"],
    };

    public static IReadOnlyList<string> Words(string question, string productTitle, IEnumerable<string> topicWords)
    {
        var title = Word().Matches(productTitle.ToLowerInvariant()).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var topics = topicWords.ToHashSet(StringComparer.Ordinal);
        return Word().Matches(question.ToLowerInvariant())
            .Select(m => m.Value.Trim('\'', '-'))
            .Where(w => w.Length > 2 && !KeywordExtractor.IsStopWord(w) && !QuestionWords.Contains(w) && !topics.Contains(w)
                        && !title.Contains(w) && !title.Contains(w + "s") && !title.Contains(w.TrimEnd('s')))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The words, their description synonyms and their stems ("washable" -> wash, "folds" -> fold).</summary>
    public static IReadOnlyCollection<string> Stems(IEnumerable<string> words)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            stems.Add(word);
            if (Synonyms.TryGetValue(word, out var alike)) stems.UnionWith(alike);
            foreach (var suffix in new[] { "able", "ible", "ing", "ed", "es", "s", "y" })
                if (word.Length - suffix.Length >= 4 && word.EndsWith(suffix, StringComparison.Ordinal))
                {
                    stems.Add(word[..^suffix.Length]);
                    break;
                }
        }
        return stems;
    }

    /// <summary>Whether a word of the text starts with one of the stems ("Foldable" for fold).</summary>
    public static bool Names(string text, IReadOnlyCollection<string> stems) =>
        Word().Matches(text.ToLowerInvariant()).Any(w => stems.Any(s => w.Value.StartsWith(s, StringComparison.Ordinal)));

    [GeneratedRegex(@"[a-z0-9][a-z0-9'-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
