namespace ConversationalCommerce.Engine.Entities;

/// <summary>Colours from a built-in lexicon plus the shop's own colour option values ("Sage", "Oatmeal").</summary>
public static class ColorExtractor
{
    public static readonly Lexicon Colors = Lexicon.FromGroups(
    [
        "light blue: baby blue, sky blue, pale blue", "navy: navy blue, dark blue", "dark green: forest green, bottle green",
        "light green: mint, mint green, pale green", "olive: olive green, khaki", "burgundy: maroon, wine, oxblood",
        "red", "blue", "green", "black", "white: off white, off-white", "grey: gray, charcoal", "pink: blush, hot pink",
        "purple: violet, lilac, lavender", "yellow: mustard", "orange", "brown: chocolate, tan, camel", "beige: nude, sand, taupe",
        "cream: ivory, ecru, oatmeal", "teal: turquoise, aqua", "coral", "multicolor: multicolour, multi-color, colorful, colourful, rainbow",
    ], allowPlural: false);

    /// <param name="shopColors">The shop's colour option values; a match returns the shop's spelling.</param>
    public static IReadOnlyList<string> Extract(EntityText text, IReadOnlySet<string> shopColors)
    {
        var found = new List<string>();
        if (shopColors.Count > 0)
            found.AddRange(ShopTerms.Match(text, shopColors));
        foreach (var color in Colors.Take(text))
        {
            var shopSpelling = shopColors.FirstOrDefault(c => c.Equals(color, StringComparison.OrdinalIgnoreCase));
            var value = shopSpelling ?? color;
            if (!found.Contains(value, StringComparer.OrdinalIgnoreCase)) found.Add(value);
        }
        return found;
    }
}
