using ConversationalCommerce.Domain.Catalog;

namespace ConversationalCommerce.Engine.Recommendations;

/// <summary>A product a recommender chose, the variant to show (in stock, within budget, matching size/colour) and why, in words from the data.</summary>
public sealed record RankedProduct(Product Product, ProductVariant Variant, double Score)
{
    public IReadOnlyList<string> Reasons { get; init; } = [];
}
