namespace ConversationalCommerce.App.DemoStore.Families;

/// <summary>
/// A hand-written product line of the demo catalog: each style becomes one product titled "{style} {noun}",
/// sharing the family's material, fit, care text, price band and option axes.
/// </summary>
internal sealed record ProductFamily
{
    /// <summary>Stable key used by the co-purchase rules ("mug" goes with "coffee").</summary>
    public required string Key { get; init; }
    public required string Noun { get; init; }
    public required string ProductType { get; init; }
    public required string[] Styles { get; init; }
    public required string Material { get; init; }
    /// <summary>What it is and why it makes a good gift; one or two sentences.</summary>
    public required string Pitch { get; init; }
    /// <summary>Dimensions or fit.</summary>
    public required string Fit { get; init; }
    public required string Care { get; init; }
    public required decimal MinPrice { get; init; }
    public required decimal MaxPrice { get; init; }
    public required string[] Vendors { get; init; }
    public string[] Tags { get; init; } = [];
    /// <summary>Colour names from <see cref="DemoPalette"/>; each product offers one to three of them.</summary>
    public string[] Colors { get; init; } = [];
    public OptionScale? Sizes { get; init; }
    /// <summary>Offered as a "Material" option (e.g. sterling silver or gold vermeil), each with its price factor.</summary>
    public OptionScale? Materials { get; init; }
}

/// <summary>Values of one variant option, each with a price factor relative to the product's base price.</summary>
internal sealed record OptionScale(string Name, params (string Value, decimal PriceFactor)[] Values)
{
    public static readonly OptionScale Apparel = new("Size", ("XS", 1m), ("S", 1m), ("M", 1m), ("L", 1m), ("XL", 1m));
    public static readonly OptionScale Kids = new("Size", ("2T", 1m), ("3T", 1m), ("4T", 1m), ("5", 1m), ("6", 1m));
    public static readonly OptionScale Socks = new("Size", ("S (W 5-7)", 1m), ("M (W 8-10 / M 6-8)", 1m), ("L (M 9-12)", 1m));
    public static readonly OptionScale Shoe = new("Size", ("6", 1m), ("7", 1m), ("8", 1m), ("9", 1m), ("10", 1m), ("11", 1m));
    public static readonly OptionScale Ring = new("Size", ("5", 1m), ("6", 1m), ("7", 1m), ("8", 1m), ("9", 1m));
    public static readonly OptionScale CoffeeBag = new("Size", ("12 oz", 1m), ("2 lb", 2.4m));
    public static readonly OptionScale TeaTin = new("Size", ("2 oz tin", 1m), ("4 oz tin", 1.7m));
    public static readonly OptionScale Puzzle = new("Size", ("500 pieces", 1m), ("1000 pieces", 1.3m));
    public static readonly OptionScale Laptop = new("Size", ("13 in", 1m), ("14 in", 1.05m), ("16 in", 1.12m));
    public static readonly OptionScale PhoneModel = new("Model", ("iPhone 16", 1m), ("iPhone 16 Pro", 1m), ("Pixel 9", 1m), ("Galaxy S25", 1m));
    public static readonly OptionScale Precious = new("Material", ("Sterling Silver", 1m), ("14k Gold Vermeil", 1.35m));
    public static readonly OptionScale PreciousThree = new("Material", ("Sterling Silver", 1m), ("14k Gold Vermeil", 1.35m), ("Rose Gold Vermeil", 1.35m));
}

/// <summary>A browsing category: its tag, display name, tile shape and the families it holds.</summary>
internal sealed record DemoCategory(string Tag, string Name, TileShape Shape, string BaseColor, IReadOnlyList<ProductFamily> Families);

internal enum TileShape
{
    Shirt,
    Gem,
    Mug,
    Bottle,
    Blocks,
    Book,
    Mountain,
    Headphones,
}
