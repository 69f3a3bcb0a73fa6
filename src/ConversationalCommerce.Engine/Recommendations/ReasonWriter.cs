using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Engine.Recommendations;

/// <summary>
/// Why a product fits, in short phrases built only from the catalog, the order history and what the shopper said:
/// "under your $50 budget", "in stock in M", "suits birthdays", "one of our bestsellers". Nothing is invented.
/// Needs the shopper stated come first; at most four reasons.
/// </summary>
public static class ReasonWriter
{
    public const int MaxReasons = 4;

    public static IReadOnlyList<string> For(Product product, ProductVariant variant, ShoppingSlots slots, string currency, ProductSignals signals)
    {
        var reasons = new List<string>();
        if (slots.MaxPrice is { } max && variant.Price <= max)
            reasons.Add(slots.MinPrice is { } min && min > 0
                ? $"within your {Money.Format(min, currency)}–{Money.Format(max, currency)} range"
                : $"under your {Money.Format(max, currency)} budget");
        if (slots.Sizes.Count > 0 && OptionValue(product, variant, "size") is { } size && variant.IsAvailable)
            reasons.Add($"in stock in {size}");
        if (slots.Colors.Count > 0 && OptionValue(product, variant, "color", "colour") is { } color)
            reasons.Add($"available in {color}");
        foreach (var material in slots.Materials)
            if (MentionsMaterial(product, variant, material)) { reasons.Add($"made with {material}"); break; }
        if (slots.Interest is { } interest && InterestSearchTerms.Mentioned(product, interest) is { } named)
            reasons.Add($"suits their love of {named}");
        if (slots.Occasion is { } occasion && product.TagList.Contains(GiftTags.OccasionTag(occasion), StringComparer.OrdinalIgnoreCase))
            reasons.Add(signals.OccasionUnits > 0 ? $"popular for {GiftTags.OccasionPlural(occasion)}" : $"suits {GiftTags.OccasionPlural(occasion)}");
        if (slots.Recipient is { } recipient && GiftTags.RecipientTag(recipient, slots.RecipientAge) is { } tag
            && product.TagList.Contains(tag, StringComparer.OrdinalIgnoreCase))
            reasons.Add($"in our {GiftTags.RecipientCollection(tag)}");
        if (signals.BoughtBefore is { } before)
            reasons.Add(before);
        if (signals.UnitsSold >= 10)
            reasons.Add($"{signals.UnitsSold} sold this year");
        else if (product.TagList.Contains("bestseller", StringComparer.OrdinalIgnoreCase))
            reasons.Add("one of our bestsellers");
        if (variant.IsOnSale)
            reasons.Add($"on sale (was {Money.Format(variant.CompareAtPrice!.Value, currency)})");
        if (variant.InventoryTracked && variant.InventoryPolicy == InventoryPolicy.Deny && variant.InventoryQuantity is > 0 and <= 5)
            reasons.Add($"only {variant.InventoryQuantity} left");
        return reasons.Distinct().Take(MaxReasons).ToList();
    }

    /// <summary>The variant's value for the option whose name is one of <paramref name="names"/> ("Size", "Color").</summary>
    public static string? OptionValue(Product product, ProductVariant variant, params string[] names)
    {
        if (Matches(product.Option1Name, names)) return variant.Option1;
        if (Matches(product.Option2Name, names)) return variant.Option2;
        if (Matches(product.Option3Name, names)) return variant.Option3;
        return null;
    }

    private static bool Matches(string? optionName, string[] names) =>
        optionName is not null && names.Any(n => optionName.Equals(n, StringComparison.OrdinalIgnoreCase));

    private static bool MentionsMaterial(Product product, ProductVariant variant, string material) =>
        product.BodyHtml.Contains(material, StringComparison.OrdinalIgnoreCase)
        || product.Title.Contains(material, StringComparison.OrdinalIgnoreCase)
        || product.Tags.Contains(material, StringComparison.OrdinalIgnoreCase)
        || (variant.Title?.Contains(material, StringComparison.OrdinalIgnoreCase) ?? false);
}

/// <summary>Order-history facts about one product for one shopper, for reasons and ranking.</summary>
/// <param name="UnitsSold">Units sold over the popularity window.</param>
/// <param name="OccasionUnits">Units sold in orders the data ties to the occasion (0 when unknown).</param>
/// <param name="BoughtBefore">A phrase like "you bought size M before", when the customer's history says so.</param>
public sealed record ProductSignals(int UnitsSold = 0, int OccasionUnits = 0, string? BoughtBefore = null)
{
    public static readonly ProductSignals None = new();
}
