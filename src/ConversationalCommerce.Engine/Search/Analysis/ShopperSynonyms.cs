namespace ConversationalCommerce.Engine.Search.Analysis;

/// <summary>
/// Words shoppers use for the same thing as merchants (and British for American spellings). A query word also
/// searches its group's other words, a little below the word itself: the shopper's own word is the better evidence.
/// Multi-word entries ("t shirt") become one joined term ("tshirt") that the index also emits for those words.
/// </summary>
public sealed class ShopperSynonyms
{
    /// <summary>Each line is one group of interchangeable phrases.</summary>
    public static readonly IReadOnlyList<string> Groups =
    [
        "tee, t-shirt, tshirt, tee shirt",
        "sneakers, trainers, kicks",
        "mug, cup",
        "hoodie, hooded sweatshirt, sweatshirt",
        "earbuds, earphones, headphones, earpods, in-ear headphones",
        "sweater, jumper, pullover",
        "cosy, cozy",
        "personalised, personalized, personal, custom, customised, customized, engraved, monogram, monogrammed",
        "pants, trousers",
        "sofa, couch, settee",
        "purse, handbag",
        "backpack, rucksack, knapsack",
        "cellphone, cell phone, mobile phone, smartphone",
        "tv, television",
        "fridge, refrigerator",
        "bike, bicycle",
        "sunglasses, shades",
        "eyeglasses, spectacles",
        "diaper, nappy",
        "stroller, pram, pushchair, buggy",
        "vacuum, hoover",
        "flashlight, torch",
        "cookie, biscuit",
        "candy, sweets",
        "tank top, singlet",
        "raincoat, rain jacket",
        "jewelry, jewellery",
        "gray, grey",
        "color, colour",
        "aluminum, aluminium",
        "organizer, organiser",
        "moisturizer, moisturiser",
        "duvet, comforter",
        "perfume, fragrance, cologne",
        "trash can, garbage can, waste bin, wastebasket",
        "nightstand, bedside table",
        "dresser, chest of drawers",
        "wardrobe, armoire",
        "flash drive, thumb drive, usb stick",
        "power bank, portable charger",
        "hair dryer, blow dryer",
        "beanie, knit hat",
        "flip flops, thongs sandals",
        "pacifier, dummy",
        "faucet, spigot",
        "wallet, billfold",
        "notebook, notepad",
        "laptop, notebook computer",
        "bathing suit, swimsuit, swimwear",
        "necklace, pendant",
        "couch cushion, sofa cushion",
        "ottoman, footstool, pouf",
        "kids, children, child",
        "baby, infant",
    ];

    private readonly Dictionary<string, string[]> _others = new(StringComparer.Ordinal);

    public ShopperSynonyms(ShopperTextAnalyzer analyzer)
    {
        var phraseKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in Groups)
        {
            var phrases = line.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(p => (Key: analyzer.Key(p), Terms: analyzer.Terms(p).Count))
                .Where(p => p.Key.Length > 0)
                .ToList();
            foreach (var p in phrases)
            {
                if (p.Terms > 1) phraseKeys.Add(p.Key);
                var others = phrases.Where(o => o.Key != p.Key).Select(o => o.Key);
                _others[p.Key] = _others.TryGetValue(p.Key, out var existing) ? existing.Union(others).ToArray() : others.Distinct().ToArray();
            }
        }
        PhraseKeys = phraseKeys;
    }

    public static ShopperSynonyms Instance { get; } = new(ShopperTextAnalyzer.Instance);

    /// <summary>Joined keys of multi-word phrases ("tshirt" for "t shirt"); the indexer emits these for adjacent words.</summary>
    public IReadOnlySet<string> PhraseKeys { get; }

    /// <summary>Longest phrase, in terms, worth trying to join.</summary>
    public const int MaxPhraseTerms = 3;

    public IReadOnlyList<string> SynonymsOf(string key) => _others.TryGetValue(key, out var o) ? o : [];
}
