using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Entities;
using ConversationalCommerce.Engine.Recommendations;

namespace ConversationalCommerce.Engine.Replies;

/// <summary>What the shopper is looking for, in a phrase: "green wool scarves for your sister under $40".</summary>
public static class SlotDescription
{
    public static string Describe(ShoppingSlots slots, string currency, bool withBudget = true, string fallbackNoun = "options")
    {
        var words = new List<string>();
        words.AddRange(slots.Colors.Select(c => c.ToLowerInvariant()));
        words.AddRange(slots.Materials.Select(m => m.ToLowerInvariant()));
        var noun = slots.Categories.Count > 0 ? CountablePlural(slots.Categories[0].ToLowerInvariant())
            : slots.Keywords.Length > 0 ? (DescribingWords.Contains(slots.Keywords.Split(' ')[^1]) ? slots.Keywords + (slots.Gift ? " gift ideas" : " picks")
                // One word is the thing itself: "scarves", not "these scarf"; "camping" stays as it is.
                : !slots.Keywords.Contains(' ') && !slots.Keywords.EndsWith("ing", StringComparison.Ordinal) ? CountablePlural(slots.Keywords)
                : slots.Keywords)
            : slots.Gift ? "gift ideas" : fallbackNoun;
        words.Add(noun);
        if (slots.Sizes.Count > 0) words.Add($"in size {string.Join(" or ", slots.Sizes.Select(SizeLabel))}");
        if (slots.Recipient is { } r) words.Add($"for {Recipient(r)}");
        if (slots.Interest is { } interest) words.Add(slots.Recipient is null ? $"for someone who likes {interest}" : $"who likes {interest}");
        var afterClause = words.Count; // "who likes cooking, for a birthday, under $40": the clause ends with a comma
        if (slots.Occasion is { } o) words.Add($"for {GiftTags.OccasionName(o)}");
        if (withBudget && Budget(slots, currency) is { } budget) words.Add(budget);
        if (slots.Interest is not null && words.Count > afterClause) words[afterClause - 1] += ",";
        return string.Join(' ', words);
    }

    /// <summary>Letter sizes as shops print them ("m" -> "M", "xl" -> "XL"); others as given.</summary>
    public static string SizeLabel(string size) =>
        size.Length <= 4 && size.All(c => "xsml".Contains(char.ToLowerInvariant(c))) ? size.ToUpperInvariant() : size;

    public static string? Budget(ShoppingSlots slots, string currency) => (slots.MinPrice, slots.MaxPrice) switch
    {
        ({ } min, { } max) when min > 0 => $"between {Money.Format(min, currency)} and {Money.Format(max, currency)}",
        (_, { } max) => $"under {Money.Format(max, currency)}",
        ({ } min, null) => $"over {Money.Format(min, currency)}",
        _ => slots.Tier switch
        {
            PriceTier.Budget or PriceTier.Lower => "at a friendly price",
            PriceTier.Premium or PriceTier.Higher => "from the premium end",
            _ => null,
        },
    };

    public static string Recipient(string recipient) => recipient switch
    {
        "man" => "him",
        "woman" => "her",
        "child" => "a child",
        "baby" => "a baby",
        "teen" => "a teen",
        "couple" => "a couple",
        "host" => "your host",
        _ => "your " + recipient,
    };

    private static readonly Dictionary<string, string> IrregularPlurals = new(StringComparer.Ordinal)
    {
        ["scarf"] = "scarves", ["knife"] = "knives", ["shelf"] = "shelves", ["leaf"] = "leaves", ["loaf"] = "loaves",
        ["wolf"] = "wolves", ["half"] = "halves", ["life"] = "lives", ["wife"] = "wives", ["child"] = "children",
        ["person"] = "people", ["tooth"] = "teeth", ["foot"] = "feet", ["mouse"] = "mice", ["cactus"] = "cacti",
        // Uncountable: "jewelry", not "jewelries".
        ["jewelry"] = "jewelry", ["jewellery"] = "jewellery", ["stationery"] = "stationery", ["bedding"] = "bedding",
        ["skincare"] = "skincare", ["makeup"] = "makeup", ["underwear"] = "underwear", ["footwear"] = "footwear",
        ["luggage"] = "luggage", ["furniture"] = "furniture", ["glassware"] = "glassware", ["cookware"] = "cookware",
        ["clothing"] = "clothing", ["apparel"] = "apparel", ["beauty"] = "beauty", ["kitchen"] = "kitchen", ["decor"] = "decor",
        ["gear"] = "gear", ["equipment"] = "equipment",
    };

    /// <summary>"these jewelry picks", not "these jewelry": an uncountable noun gets a countable head.</summary>
    private static string CountablePlural(string noun)
    {
        var plural = Plural(noun);
        var last = noun[(noun.LastIndexOf(' ') + 1)..];
        return IrregularPlurals.TryGetValue(last, out var same) && same == last ? plural + " picks" : plural;
    }

    public static string Plural(string noun)
    {
        var lastSpace = noun.LastIndexOf(' ');
        if (IrregularPlurals.TryGetValue(noun[(lastSpace + 1)..], out var irregular)) return noun[..(lastSpace + 1)] + irregular;
        if (noun.EndsWith('s') || noun.EndsWith("ware", StringComparison.Ordinal) || noun.Contains(' ') && noun.EndsWith('s')) return noun;
        if (noun.EndsWith('y') && noun.Length > 2 && !"aeiou".Contains(noun[^2])) return noun[..^1] + "ies";
        if (noun.EndsWith("ch", StringComparison.Ordinal) || noun.EndsWith("sh", StringComparison.Ordinal) || noun.EndsWith('x')) return noun + "es";
        return noun + "s";
    }
}
