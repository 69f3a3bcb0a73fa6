using ConversationalCommerce.Domain.Catalog;

namespace ConversationalCommerce.Engine.Recommendations;

/// <summary>
/// The words a shop's products use for a hobby: someone who likes cooking is served by a cookbook, a kitchen knife or
/// a recipe box, none of which says "cooking". Searched as alternatives (any of them), the hobby's own word last, so
/// the search takes it as the product noun. Unknown interests ("dinosaurs") are searched as typed.
/// </summary>
public static class InterestSearchTerms
{
    private static readonly Dictionary<string, string> TermText = new(StringComparer.Ordinal)
    {
        ["cooking"] = "kitchen recipe chef foodie cookbook cookware utensil knife apron spice cook",
        ["baking"] = "bake baker recipe cookbook kitchen apron baking",
        ["coffee"] = "espresso brew barista mug pour-over grinder coffee",
        ["tea"] = "teapot infuser mug tea",
        ["hiking"] = "trail outdoor camping backpack daypack headlamp bottle hike hiking",
        ["camping"] = "outdoor hammock headlamp tent lantern backpack camp camping",
        ["the outdoors"] = "outdoor adventure camping hiking trail hammock headlamp backpack",
        ["running"] = "runner run fitness sport bottle running",
        ["fitness"] = "gym workout exercise training resistance yoga sport bottle fitness",
        ["yoga"] = "mat meditation wellness pilates fitness yoga",
        ["reading"] = "book novel bookmark reading",
        ["writing"] = "notebook journal pen fountain planner stationery writing",
        ["art"] = "drawing sketch sketchbook paint painting craft creative art",
        ["crafts"] = "craft kit diy knitting sewing creative crafts",
        ["music"] = "speaker headphones vinyl audio music",
        ["gaming"] = "game games gamer controller headset gaming",
        ["board games"] = "boardgame puzzle jigsaw game",
        ["tech"] = "gadget wireless bluetooth charger headphones speaker electronics tech",
        ["travel"] = "travel-size passport luggage backpack adventure travel",
        ["gardening"] = "garden plant planter seeds gardener gardening",
        ["beauty"] = "skincare serum makeup cosmetic fragrance beauty",
        ["pampering"] = "spa bath soak candle self-care wellness relax pampering",
        ["fashion"] = "style accessory scarf jewellery fashion",
        ["jewellery"] = "necklace earrings bracelet ring pendant jewelry jewellery",
        ["photography"] = "camera photo lens photography",
        ["wine"] = "wine glass decanter corkscrew wine",
        ["dogs"] = "dog puppy pet leash collar dog",
        ["cats"] = "cat kitten pet cat",
        ["pets"] = "pet dog cat pet",
    };

    /// <summary>
    /// Search text for the interest: its related product words, or the interest itself when unknown. "gardening and
    /// the outdoors" searches both, the first-named hobby's own word last.
    /// </summary>
    public static string For(string interest) =>
        string.Join(' ', interest.Split(" and ", StringSplitOptions.TrimEntries).Reverse().Select(i => TermText.GetValueOrDefault(i, i)));

    // Split once: Mentioned runs for every candidate of a gift search.
    private static readonly Dictionary<string, string[]> Terms = TermText.ToDictionary(t => t.Key, t => t.Value.Split(' '), StringComparer.Ordinal);

    private static string[] TermsOf(string hobby) => Terms.TryGetValue(hobby, out var terms) ? terms : hobby.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// Whether the product's own words name the interest (a word starting with one of its terms: "recipes" for
    /// recipe; the hobby's own word is the last term). The search also reaches products through stems, typo fixes
    /// and split compounds ("cookbook" finds "book"): fine for recall, not enough to tell a shopper it suits a hobby.
    /// </summary>
    public static bool Mentions(Product product, string interest) => Mentioned(product, interest) is not null;

    /// <summary>The part of the interest the product names ("the outdoors" of "gardening and the outdoors"), or null.</summary>
    public static string? Mentioned(Product product, string interest) =>
        interest.Split(" and ", StringSplitOptions.TrimEntries).FirstOrDefault(part => Names(product, TermsOf(part)));

    private static bool Names(Product product, string[] terms) =>
        // Related words count where the product says what it is; in the description only the hobby's own word does
        // ("kitchen" in a candle's description is where to put it, not what it is for).
        terms.Any(t => HasWordStartingWith(product.Title, t) || HasWordStartingWith(product.ProductType, t) || HasWordStartingWith(product.Tags, t))
        || HasWordStartingWith(product.BodyHtml, terms[^1]);

    private static bool HasWordStartingWith(string text, string term)
    {
        // "dinosaurs" as typed names a "Dinosaur" pyjama set; "recipes" a recipe box.
        if (term.Length > 4 && term.EndsWith('s')) term = term[..^1];
        for (var at = text.IndexOf(term, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(term, at + 1, StringComparison.OrdinalIgnoreCase))
            // "home-kitchen" is a department tag, not a kitchen product: a hyphen joins words here.
            if (at == 0 || !char.IsLetterOrDigit(text[at - 1]) && text[at - 1] != '-') return true;
        return false;
    }
}
