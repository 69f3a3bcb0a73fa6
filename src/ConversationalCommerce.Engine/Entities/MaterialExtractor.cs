namespace ConversationalCommerce.Engine.Entities;

/// <summary>Materials, normalised ("sterling" -> "sterling silver", "wooden" -> "wood").</summary>
public static class MaterialExtractor
{
    public static readonly Lexicon Materials = Lexicon.FromGroups(
    [
        "organic cotton", "cotton", "linen", "merino wool: merino", "wool: woolen, woollen, wooly", "cashmere", "silk: silky",
        "vegan leather: faux leather, pleather, pu leather", "leather", "suede", "denim", "canvas", "polyester", "nylon", "fleece",
        "velvet", "sterling silver: sterling, 925 silver", "silver", "rose gold", "gold plated: gold-plated, gold filled",
        "gold", "platinum", "stainless steel: steel", "brass", "copper", "titanium", "ceramic: ceramics", "porcelain",
        "stoneware", "glass", "crystal", "marble", "stone", "wood: wooden, timber, oak, walnut", "bamboo", "cork", "rattan",
        "wicker", "jute", "hemp", "recycled plastic: recycled", "plastic", "rubber", "silicone", "paper", "beeswax", "soy wax: soy",
        "pearl: pearls", "diamond: diamonds", "acrylic", "resin", "clay",
    ]);

    public static IReadOnlyList<string> Extract(EntityText text) => Materials.Take(text);
}
