using System.Text.RegularExpressions;

namespace ConversationalCommerce.Engine.Entities;

/// <summary>What is left to search for once entities are taken out: unclaimed words minus chatter and stop words.</summary>
public static class KeywordExtractor
{
    private static readonly Regex Word = new(@"[a-z0-9][a-z0-9'&-]*", RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "of", "for", "to", "in", "on", "at", "by", "with", "without", "from", "into", "about",
        "i", "im", "i'm", "i'd", "i'll", "id", "ill", "me", "my", "mine", "we", "our", "us", "you", "your", "u", "ya", "yall", "y'all",
        "he", "she", "they", "them", "his", "her", "him", "their", "it", "its", "it's", "this", "that", "these", "those",
        "is", "are", "was", "were", "be", "been", "am", "r", "do", "does", "did", "have", "has", "had", "got", "get", "getting",
        "can", "could", "would", "should", "will", "shall", "may", "might", "must", "need", "needs", "want", "wants", "wanna",
        "like", "love", "looking", "look", "lookin", "search", "searching", "find", "finding", "show", "see", "browse", "buy",
        "buying", "shopping", "shop", "sell", "selling", "carry", "stock", "hunting", "after", "please", "pls", "plz", "thanks",
        "hi", "hello", "hey", "some", "any", "anything", "something", "somethin", "stuff", "things", "thing", "one", "ones",
        "what", "which", "who", "whats", "what's", "where", "how", "when", "there", "here", "just", "really", "very", "so",
        "too", "also", "maybe", "perhaps", "kind", "sort", "type", "good", "nice", "great", "best", "better", "worse", "worst", "new", "cool", "gift",
        "gifts", "present", "presents", "idea", "ideas", "suggest", "suggestion", "suggestions", "recommend", "help", "options",
        "option", "else", "more", "other", "others", "guys", "yes", "yeah", "ok", "okay", "no", "not", "only", "if", "then",
        "than", "as", "out", "up", "go", "let's", "lets", "let", "give", "tell", "know", "think", "around", "each", "every",
        "dont", "don't", "didn't", "isn't", "same", "similar", "instead", "price", "priced", "cost", "costs", "budget", "bucks",
        "dollars", "year", "years", "old", "size", "sized", "color", "colour", "colored", "coloured", "made", "someone", "who's",
        "person", "people", "gonna", "4", "2", "n", "ur", "items", "item", "products", "product",
        "likes", "loves", "enjoys", "adores", "lover", "lovers", "fan", "fans", "enthusiast", "enthusiasts",
        "pick", "picks", "choose", "chose", "choice", "prefer", "rather", "decide", "opinion", "why",
        "she's", "he's", "they're", "we're", "you're", "she'd", "he'd", "they'd", "she'll", "he'll", "i've", "we've",
        "nothing", "none", "loved", "adore", "enjoy", "lately",
        // Adverbs of conversation: "actually he's more into hiking" asks for nothing called "actually".
        "actually", "probably", "definitely", "honestly", "basically", "preferably", "ideally", "mostly", "mainly",
        "especially", "particularly", "usually", "still", "even", "already", "again", "now", "today", "tomorrow", "soon",
        // "Bestsellers" asks for an order, not for products with that word: ranking already follows sales.
        "bestseller", "bestsellers", "best-seller", "best-sellers", "seller", "sellers", "bestselling", "best-selling",
        "popular", "trending", "sells", "right", "most", "moment", "week", "weeks", "month", "months",
        "add", "cart", "basket", "make", "next", "arrival", "arrivals", "latest", "newest", "browsing", "arrived", "asap", "last", "minute", "minutes", "quick", "urgent", "urgently", "everything", "everyone", "anyone", "hmm", "hm", "um", "umm", "uh", "well", "oh", "ah", "wow", "anyway", "anyways", "though", "sure",
    };

    /// <summary>Chatter and function words that are never what the shopper is looking for or asking about.</summary>
    public static bool IsStopWord(string word) => StopWords.Contains(word);

    public static string Extract(EntityText text)
    {
        var words = Word.Matches(text.Unclaimed())
            .Select(m => m.Value.Trim('\'', '-'))
            // A lone letter is the rest of "mum's" or a typo: sizes have been taken by then.
            .Where(w => (w.Length > 1 || w.Length == 1 && char.IsDigit(w[0])) && !StopWords.Contains(w))
            .Distinct(StringComparer.Ordinal);
        return string.Join(' ', words);
    }
}
