using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Engine.Catalog;
using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Engine.Recommendations;

/// <summary>One product's side of a comparison, every figure from the catalog or the orders.</summary>
public sealed record ComparedProduct(RankedProduct Ranked, string PriceText, string? Options, string? Material, string Availability, int UnitsSold);

/// <summary>
/// Side by side for two to four products: price (the variant that fits), key options, material, availability,
/// popularity, and a one-line verdict that only states what the figures show.
/// </summary>
public sealed class ProductComparer
{
    public const int MaxProducts = 4;

    public (IReadOnlyList<ComparedProduct> Rows, string Verdict) Compare(IReadOnlyList<ReferencedProduct> products, ShoppingSlots slots, RankingContext context)
    {
        var rows = products.Take(MaxProducts).Select(p =>
        {
            var variant = ChooseVariant(p, slots);
            var units = context.Stats.Units(p.Product.Id);
            var ranked = new RankedProduct(p.Product, variant, units)
            {
                Reasons = ReasonWriter.For(p.Product, variant, slots, context.Currency, context.Signals(p.Product, variant)),
            };
            return new ComparedProduct(ranked, PriceText(p.Product, variant, context.Currency), OptionsText(p.Product),
                ProductFacts.Of(p.Product).Find("material", "fabric", "made"), AvailabilityText(p.Product), units);
        }).ToList();
        return (rows, Verdict(rows, context.Currency));
    }

    /// <summary>The shown variant if still purchasable and within budget, else the cheapest purchasable one that fits.</summary>
    public static ProductVariant ChooseVariant(ReferencedProduct p, ShoppingSlots slots)
    {
        var fits = p.Product.Variants.Where(v => v.IsAvailable && (slots.MaxPrice is not { } max || v.Price <= max)).ToList();
        return fits.FirstOrDefault(v => v.ShopifyId == p.VariantId)
               ?? fits.OrderBy(v => v.Price).FirstOrDefault()
               ?? p.Product.Variants.Where(v => v.IsAvailable).OrderBy(v => v.Price).FirstOrDefault()
               ?? p.Product.Variants.OrderBy(v => v.Position).First();
    }

    private static string PriceText(Product product, ProductVariant variant, string currency)
    {
        var prices = product.Variants.Select(v => v.Price).Distinct().ToList();
        var text = prices.Count > 1
            ? $"{Money.Format(prices.Min(), currency)}–{Money.Format(prices.Max(), currency)}"
            : Money.Format(variant.Price, currency);
        return variant.IsOnSale ? $"{text} (on sale, was {Money.Format(variant.CompareAtPrice!.Value, currency)})" : text;
    }

    private static string? OptionsText(Product product)
    {
        var parts = new List<string>();
        var names = new[] { product.Option1Name, product.Option2Name, product.Option3Name };
        for (var i = 0; i < 3; i++)
        {
            if (string.IsNullOrEmpty(names[i]) || names[i] == "Title") continue;
            var values = product.Variants.Select(v => i switch { 0 => v.Option1, 1 => v.Option2, _ => v.Option3 })
                .OfType<string>().Distinct().ToList();
            if (values.Count > 0) parts.Add($"{names[i]}: {string.Join(", ", values)}");
        }
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static string AvailabilityText(Product product)
    {
        var variants = product.Variants;
        var available = variants.Count(v => v.IsAvailable);
        if (!product.IsPurchasable) return "sold out";
        return available == variants.Count ? "in stock" : $"in stock in {available} of {variants.Count} options";
    }

    private static string Verdict(IReadOnlyList<ComparedProduct> rows, string currency)
    {
        if (rows.Count < 2) return "";
        var cheapest = rows.MinBy(r => r.Ranked.Variant.Price)!;
        var dearest = rows.MaxBy(r => r.Ranked.Variant.Price)!;
        var popular = rows.MaxBy(r => r.UnitsSold)!;
        var parts = new List<string>();
        if (cheapest.Ranked.Variant.Price < dearest.Ranked.Variant.Price)
            parts.Add($"{cheapest.Ranked.Product.Title} is the better value at {Money.Format(cheapest.Ranked.Variant.Price, currency)}");
        if (popular.UnitsSold > 0 && rows.Count(r => r.UnitsSold == popular.UnitsSold) == 1)
            parts.Add(popular == cheapest
                ? "and it's also the more popular choice"
                : $"while {popular.Ranked.Product.Title} is the one more shoppers pick");
        if (parts.Count == 0) return "They're evenly matched on price and popularity, so it comes down to style.";
        return string.Join(", ", parts) + ".";
    }
}
