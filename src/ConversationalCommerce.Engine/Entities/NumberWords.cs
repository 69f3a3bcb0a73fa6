namespace ConversationalCommerce.Engine.Entities;

/// <summary>Small numbers as shoppers write them: "2", "two", "a couple", "a dozen".</summary>
public static class NumberWords
{
    public const string Pattern = @"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|a\s+couple(?:\s+of)?|a\s+pair(?:\s+of)?|a\s+dozen|dozen)";

    private static readonly Dictionary<string, int> Words = new(StringComparer.Ordinal)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20,
        ["couple"] = 2, ["pair"] = 2, ["dozen"] = 12, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60,
        ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    /// <summary>A number written out in full: "twenty-five" -> 25, "a hundred" -> 100, "two hundred and fifty" -> 250; null without a number word.</summary>
    public static int? Spelled(string text)
    {
        int total = 0;
        var any = false;
        foreach (var word in System.Text.RegularExpressions.Regex.Split(text.ToLowerInvariant(), @"[\s-]+"))
        {
            if (word == "hundred") { total = Math.Max(total, 1) * 100; any = true; }
            else if (word != "a" && word != "couple" && word != "pair" && word != "dozen" && Words.TryGetValue(word, out var value)) { total += value; any = true; }
        }
        return any && total > 0 ? total : null;
    }

    public static int? Parse(string value)
    {
        value = value.Trim();
        if (int.TryParse(value, out var n)) return n;
        foreach (var word in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (Words.TryGetValue(word, out n)) return n;
        return null;
    }
}
