using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Engine.Recommendations;

namespace ConversationalCommerce.Engine.Replies;

/// <summary>Product cards from recommended products: the chosen variant's price and image, every variant as a choice, the reasons.</summary>
public static class ProductCardBuilder
{
    private const int MaxVariants = 40;

    public static ProductCard Build(RankedProduct ranked, string currency) => Build(ranked.Product, ranked.Variant, currency, ranked.Reasons);

    public static ProductCard Build(Product product, ProductVariant? variant, string currency, IReadOnlyList<string>? reasons = null)
    {
        variant ??= product.Variants.Where(v => v.IsAvailable).OrderBy(v => v.Price).FirstOrDefault()
                    ?? product.Variants.OrderBy(v => v.Position).FirstOrDefault();
        var names = new[] { product.Option1Name, product.Option2Name, product.Option3Name };
        return new ProductCard
        {
            ProductId = product.Id,
            ShopifyId = product.ShopifyId,
            Handle = product.Handle,
            Title = product.Title,
            Vendor = product.Vendor,
            ProductType = product.ProductType,
            ImageUrl = ImageFor(product, variant),
            Url = variant is null ? $"/products/{product.Handle}" : $"/products/{product.Handle}?variant={variant.ShopifyId}",
            Price = variant?.Price ?? 0,
            CompareAtPrice = variant is { IsOnSale: true } ? variant.CompareAtPrice : null,
            Currency = currency,
            Available = product.IsPurchasable && (variant?.IsAvailable ?? false),
            Reasons = reasons ?? [],
            SelectedVariantId = variant is { IsAvailable: true } ? variant.ShopifyId : null,
            Variants = product.Variants.OrderBy(v => v.Position).Take(MaxVariants).Select(v => new VariantChoice(
                v.ShopifyId, v.Title, v.Price, v.IsOnSale ? v.CompareAtPrice : null, v.IsAvailable && product.IsPurchasable,
                Options(names, v))).ToList(),
        };
    }

    private static IReadOnlyDictionary<string, string> Options(string?[] names, ProductVariant v)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = new[] { v.Option1, v.Option2, v.Option3 };
        for (var i = 0; i < 3; i++)
            if (!string.IsNullOrEmpty(names[i]) && !string.IsNullOrEmpty(values[i]) && names[i] != "Title") options[names[i]!] = values[i]!;
        return options;
    }

    /// <summary>The image whose alt text names the variant's colour, else the first image.</summary>
    private static string? ImageFor(Product product, ProductVariant? variant)
    {
        var images = product.Images.OrderBy(i => i.Position).ToList();
        if (images.Count == 0) return null;
        if (variant is not null)
            foreach (var value in new[] { variant.Option1, variant.Option2, variant.Option3 })
            {
                if (string.IsNullOrEmpty(value)) continue;
                var match = images.FirstOrDefault(i => i.AltText?.EndsWith(value, StringComparison.OrdinalIgnoreCase) == true);
                if (match is not null) return match.Src;
            }
        return images[0].Src;
    }
}
