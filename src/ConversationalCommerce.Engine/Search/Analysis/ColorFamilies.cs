namespace ConversationalCommerce.Engine.Search.Analysis;

/// <summary>
/// The everyday colour a named shade belongs to: a shopper asking for "red" means Burgundy and Wine too, "blue" means
/// Navy. Only from shade to family, never the other way: "navy" does not find every blue.
/// </summary>
public static class ColorFamilies
{
    private static readonly Dictionary<string, string> FamilyOf = new(StringComparer.OrdinalIgnoreCase)
    {
        ["burgundy"] = "red", ["maroon"] = "red", ["wine"] = "red", ["oxblood"] = "red", ["crimson"] = "red", ["scarlet"] = "red",
        ["cherry"] = "red", ["brick"] = "red", ["ruby"] = "red", ["cranberry"] = "red", ["claret"] = "red",
        ["rust"] = "orange", ["terracotta"] = "orange", ["copper"] = "orange", ["tangerine"] = "orange", ["apricot"] = "orange",
        ["navy"] = "blue", ["indigo"] = "blue", ["cobalt"] = "blue", ["denim"] = "blue", ["sky"] = "blue", ["royal"] = "blue", ["azure"] = "blue",
        ["sage"] = "green", ["olive"] = "green", ["emerald"] = "green", ["mint"] = "green", ["forest"] = "green", ["moss"] = "green",
        ["khaki"] = "green", ["jade"] = "green", ["pine"] = "green", ["lime"] = "green",
        ["teal"] = "blue green", ["turquoise"] = "blue green", ["aqua"] = "blue green",
        ["charcoal"] = "grey", ["slate"] = "grey", ["graphite"] = "grey", ["ash"] = "grey", ["heather"] = "grey", ["silver"] = "grey",
        ["gray"] = "grey",
        ["camel"] = "brown", ["tan"] = "brown", ["chocolate"] = "brown", ["walnut"] = "brown", ["mocha"] = "brown", ["espresso"] = "brown",
        ["cognac"] = "brown", ["chestnut"] = "brown", ["caramel"] = "brown", ["taupe"] = "brown beige",
        ["oatmeal"] = "beige cream", ["sand"] = "beige", ["stone"] = "beige", ["nude"] = "beige", ["ecru"] = "cream", ["ivory"] = "cream white",
        ["blush"] = "pink", ["rose"] = "pink", ["fuchsia"] = "pink", ["magenta"] = "pink", ["salmon"] = "pink", ["dusty"] = "pink",
        ["lilac"] = "purple", ["lavender"] = "purple", ["violet"] = "purple", ["plum"] = "purple", ["mauve"] = "purple", ["aubergine"] = "purple",
        ["mustard"] = "yellow", ["lemon"] = "yellow", ["ochre"] = "yellow", ["gold"] = "yellow",
        ["onyx"] = "black", ["jet"] = "black", ["ebony"] = "black", ["midnight"] = "black blue",
        ["snow"] = "white", ["chalk"] = "white", ["pearl"] = "white",
    };

    /// <summary>The option value followed by the families of its words: "Burgundy" -> "Burgundy red", "Forest Green" unchanged in effect.</summary>
    public static string WithFamilies(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return value ?? "";
        var families = value.Split([' ', '-', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => FamilyOf.GetValueOrDefault(w)).OfType<string>().Distinct().ToList();
        return families.Count == 0 ? value : value + " " + string.Join(' ', families);
    }

    /// <summary>Whether an option value answers what the shopper asked: the same word, contains it ("Forest Green" for
    /// green), or is a shade of it ("Navy" for blue).</summary>
    public static bool Answers(string value, string asked) =>
        value.Contains(asked, StringComparison.OrdinalIgnoreCase) || IsA(value, asked);

    /// <summary>Whether the colour value is, or belongs to, the colour word the shopper used ("red" for Burgundy).</summary>
    public static bool IsA(string? value, string colourWord) =>
        value is not null && WithFamilies(value).Split([' ', '-', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Any(w => w.Equals(colourWord, StringComparison.OrdinalIgnoreCase));
}
