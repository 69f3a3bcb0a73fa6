using ConversationalCommerce.Domain.Catalog;

namespace ConversationalCommerce.Engine.Tests.Search;

/// <summary>Product rows for tests, shaped as a Shopify sync would save them.</summary>
internal static class ProductFactory
{
    private static long _nextShopifyId = 1000;

    public static Product Product(string title, string type = "", string body = "", string tags = "", string vendor = "Acme",
        decimal price = 20m, int stock = 5, ProductStatus status = ProductStatus.Active, bool published = true)
    {
        var p = new Product
        {
            Handle = title.ToLowerInvariant().Replace(' ', '-'),
            Title = title,
            ProductType = type,
            BodyHtml = body,
            Tags = tags,
            Vendor = vendor,
            Status = status,
            Published = published,
            ShopifyId = Interlocked.Increment(ref _nextShopifyId),
        };
        p.Variants.Add(Variant(p, price, stock));
        return p;
    }

    /// <summary>A product with Colour and Size options; each variant is (colour, size, price, stock).</summary>
    public static Product WithOptions(string title, string type, params (string Color, string Size, decimal Price, int Stock)[] variants)
    {
        var p = new Product
        {
            Handle = title.ToLowerInvariant().Replace(' ', '-'),
            Title = title,
            ProductType = type,
            Option1Name = "Color",
            Option2Name = "Size",
            ShopifyId = Interlocked.Increment(ref _nextShopifyId),
        };
        var position = 1;
        foreach (var (color, size, price, stock) in variants)
        {
            var v = Variant(p, price, stock);
            v.Option1 = color;
            v.Option2 = size;
            v.Title = $"{color} / {size}";
            v.Position = position++;
            p.Variants.Add(v);
        }
        return p;
    }

    private static ProductVariant Variant(Product p, decimal price, int stock) => new()
    {
        ProductId = p.Id,
        Price = price,
        InventoryQuantity = stock,
        InventoryTracked = true,
        InventoryPolicy = InventoryPolicy.Deny,
        ShopifyId = Interlocked.Increment(ref _nextShopifyId),
        Position = 1,
    };
}
