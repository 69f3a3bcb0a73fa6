using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Engine.Context;
using ConversationalCommerce.Engine.Conversation.State;

namespace ConversationalCommerce.Engine.Recommendations;

/// <summary>Everything a recommender may weigh besides the query: currency, sales figures, the customer's history.</summary>
public sealed record RankingContext(Guid ShopId, string Currency, PurchaseStats Stats, CustomerProfile? Customer)
{
    /// <summary>A mild multiplicative prior: products that sell, and product types this customer already buys.</summary>
    public double Prior(Product product)
    {
        var prior = 1 + 0.08 * Math.Log(1 + Stats.Units(product.Id));
        if (Customer is not null && product.ProductType.Length > 0 && Customer.TypesBought.ContainsKey(product.ProductType))
            prior *= 1.1;
        return prior;
    }

    public ProductSignals Signals(Product product, ProductVariant variant)
    {
        string? before = null;
        if (Customer is not null)
        {
            var size = ReasonWriter.OptionValue(product, variant, "size");
            if (size is not null && Customer.SizesByType.TryGetValue(product.ProductType, out var sizes) && sizes.Count > 0 && sizes[0] == size)
                before = $"your usual size {size}";
            else if (Customer.ProductsBought.Contains(product.ShopifyId))
                before = "you've bought this before";
        }
        return new ProductSignals(Stats.Units(product.Id), 0, before);
    }

    /// <summary>
    /// The variant to show: the search's best fitting variant, unless the shopper named no size and the customer's
    /// usual size for this type is in stock and fits the same constraints.
    /// </summary>
    public ProductVariant ChooseVariant(Product product, ProductVariant fitting, ShoppingSlots slots)
    {
        if (Customer is null || slots.Sizes.Count > 0) return fitting;
        if (!Customer.SizesByType.TryGetValue(product.ProductType, out var sizes) || sizes.Count == 0) return fitting;
        var usual = sizes[0];
        var color = ReasonWriter.OptionValue(product, fitting, "color", "colour");
        var match = product.Variants.FirstOrDefault(v => v.IsAvailable
            && string.Equals(ReasonWriter.OptionValue(product, v, "size"), usual, StringComparison.OrdinalIgnoreCase)
            && (color is null || string.Equals(ReasonWriter.OptionValue(product, v, "color", "colour"), color, StringComparison.OrdinalIgnoreCase))
            && (slots.MaxPrice is not { } max || v.Price <= max)
            && (slots.MinPrice is not { } min || v.Price >= min));
        return match ?? fitting;
    }
}
