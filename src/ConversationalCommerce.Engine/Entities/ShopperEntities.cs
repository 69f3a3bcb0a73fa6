namespace ConversationalCommerce.Engine.Entities;

/// <summary>What a shopper message says beyond its intent. Empty lists and nulls mean "not mentioned".</summary>
public sealed record ShopperEntities
{
    public static readonly ShopperEntities None = new();

    public PriceRange? Budget { get; init; }
    /// <summary>Normalised recipient, e.g. "mom", "boyfriend", "child".</summary>
    public string? Recipient { get; init; }
    public int? RecipientAge { get; init; }
    /// <summary>Normalised occasion, e.g. "birthday", "anniversary", "christmas".</summary>
    public string? Occasion { get; init; }
    /// <summary>What the recipient is into, e.g. "cooking", "hiking" or "dinosaurs" (see <see cref="InterestExtractor"/>).</summary>
    public string? Interest { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<string> Colors { get; init; } = [];
    public IReadOnlyList<string> Sizes { get; init; } = [];
    public IReadOnlyList<string> Materials { get; init; } = [];
    public IReadOnlyList<string> Vendors { get; init; } = [];
    public int? Quantity { get; init; }
    /// <summary>References to products shown earlier ("the second one", "these two", "the blue one", "that mug").</summary>
    public IReadOnlyList<ProductReference> References { get; init; } = [];
    /// <summary>The words that are left once entities are taken out: what to search for.</summary>
    public string Keywords { get; init; } = "";
}

/// <param name="Approximate">"around €100": the engine may go a little over or under.</param>
/// <param name="Currency">ISO code when the shopper named one ("$" is read as USD, "£" GBP, "€" EUR).</param>
public sealed record PriceRange(decimal? Min, decimal? Max, string? Currency = null, bool Approximate = false)
{
    /// <summary>A price level named in words ("cheap", "luxury", "cheaper?"); Min and Max may both be null then.</summary>
    public PriceTier? Tier { get; init; }
}

public enum PriceTier
{
    /// <summary>"cheap", "affordable", "inexpensive", "not too expensive".</summary>
    Budget,
    /// <summary>"premium", "luxury", "high-end".</summary>
    Premium,
    /// <summary>"cheaper", "less expensive": below what was shown last.</summary>
    Lower,
    /// <summary>"more expensive", "nicer", "pricier": above what was shown last.</summary>
    Higher,
}

public enum ReferenceKind
{
    /// <summary>"the second one": Ordinal is 1-based; -1 means "the last one".</summary>
    Ordinal,
    /// <summary>"these two", "both", "all of them": Count is how many (null = all shown).</summary>
    Set,
    /// <summary>"the blue one": Attribute holds the distinguishing word.</summary>
    Attribute,
    /// <summary>"that mug": Attribute holds the noun.</summary>
    Noun,
    /// <summary>"it", "this one": the most recent single product in focus.</summary>
    Focus,
}

/// <param name="FromEnd">For a set: counted from the end of the list ("the last two").</param>
public sealed record ProductReference(ReferenceKind Kind, int? Ordinal = null, int? Count = null, string? Attribute = null, bool FromEnd = false);
