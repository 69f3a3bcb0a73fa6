namespace ConversationalCommerce.Engine.Search.Analysis;

/// <summary>
/// Small closed sets of English function words that change what the words around them mean, in queries and titles.
/// They are grammar, not catalog vocabulary, so they hold for any shop.
/// </summary>
public static class ShopperCues
{
    /// <summary>"without straw", "no sugar": the following word is what is not wanted (or, in a title, not there).</summary>
    public static readonly IReadOnlySet<string> Negations =
        new HashSet<string>(StringComparer.Ordinal) { "without", "no", "not", "except", "excluding", "minus" };

    /// <summary>
    /// In a title, what follows these names the thing the product goes with, not the product: "Bands compatible with
    /// Fitbit Charge 3", "Case for AirPods". A query naming that thing wants the thing itself first.
    /// </summary>
    public static readonly IReadOnlySet<string> AccessoryConnectors =
        new HashSet<string>(StringComparer.Ordinal) { "for", "compatible", "fits", "fit", "replacement", "designed" };

    /// <summary>In a query, these start a modifier ("sandals for women", "bottle with straw"); the product noun comes before.</summary>
    public static readonly IReadOnlySet<string> ModifierStarts =
        new HashSet<string>(StringComparer.Ordinal) { "for", "with", "w", "without" };

    /// <summary>Who a product is for: a modifier, never the product noun of a query.</summary>
    public static readonly IReadOnlySet<string> Audiences = new HashSet<string>(StringComparer.Ordinal)
    {
        "men", "mens", "man", "male", "women", "womens", "woman", "female", "ladies", "lady", "boys", "boy", "girls",
        "girl", "kids", "kid", "baby", "babies", "toddler", "toddlers", "adult", "adults", "unisex",
    };
}
