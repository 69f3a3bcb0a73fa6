using System.Text.RegularExpressions;
using ConversationalCommerce.App.DemoStore;
using ConversationalCommerce.Domain.Catalog;

namespace ConversationalCommerce.App.Tests.DemoStore;

public sealed partial class DemoCatalogTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);
    private static readonly Guid ShopId = Guid.Parse("6b1f7c1e-2f43-4a3b-9a51-0c8d4b7e2a10");
    private readonly DemoCatalog _catalog = DemoCatalog.Generate(ShopId, Now);

    private IEnumerable<Product> Products => _catalog.Products.Select(p => p.Product);

    [Fact]
    public void Catalog_has_hundreds_of_products_across_the_gift_categories()
    {
        Assert.True(_catalog.Products.Count >= 320, $"{_catalog.Products.Count} products");
        var categories = _catalog.Products.GroupBy(p => p.Category.Tag).ToList();
        Assert.True(categories.Count >= 8);
        Assert.All(categories, c => Assert.True(c.Count() >= 30, $"{c.Key} has {c.Count()} products"));
        Assert.All(Products, p => Assert.Contains(_catalog.Products.First(d => d.Product == p).Category.Tag, p.TagList));
        Assert.Equal(Products.Count(), Products.Select(p => p.Handle).Distinct().Count());
        Assert.True(Products.Select(p => p.Vendor).Distinct().Count() >= 10);
    }

    [Fact]
    public void Products_carry_real_descriptions_options_skus_and_images()
    {
        foreach (var p in Products)
        {
            Assert.StartsWith("<p>", p.BodyHtml);
            Assert.Contains("<strong>Material:</strong>", p.BodyHtml);
            Assert.Contains("<strong>Care:</strong>", p.BodyHtml);
            Assert.NotEmpty(p.Variants);
            Assert.All(p.Variants, v => Assert.False(string.IsNullOrEmpty(v.Sku)));
            Assert.Equal(Enumerable.Range(1, p.Variants.Count), p.Variants.Select(v => v.Position));
            Assert.All(p.Images, i => Assert.StartsWith($"/demo-assets/products/{p.Handle}.svg", i.Src));
            Assert.NotEmpty(p.Images);
        }
        var optionNames = Products.SelectMany(p => new[] { p.Option1Name, p.Option2Name, p.Option3Name }).OfType<string>().ToHashSet();
        Assert.Superset(new HashSet<string> { "Size", "Color", "Material" }, optionNames);
        var colors = Products.SelectMany(p => p.Variants).Select(v => v.Option2).ToHashSet();
        Assert.Contains("Forest Green", colors);
        Assert.Contains(Products.SelectMany(p => p.Variants), v => v.Option1 == "XL");
        var prices = Products.SelectMany(p => p.Variants).Select(v => v.Price).ToList();
        Assert.True(prices.Min() < 10m && prices.Max() > 200m, $"prices {prices.Min()}..{prices.Max()}");
        Assert.Contains(Products.SelectMany(p => p.Variants), v => v.IsOnSale);
    }

    [Fact]
    public void Some_variants_and_whole_products_are_sold_out_and_some_products_are_not_live()
    {
        var variants = Products.SelectMany(p => p.Variants).ToList();
        Assert.Contains(variants, v => !v.IsAvailable && v.InventoryPolicy == InventoryPolicy.Deny);
        Assert.True(variants.Count(v => v.IsAvailable) > variants.Count / 2);
        var activeSoldOut = Products.Where(p => p.Status == ProductStatus.Active && p.Variants.All(v => !v.IsAvailable)).ToList();
        Assert.True(activeSoldOut.Count >= 3, $"{activeSoldOut.Count} sold-out products");
        Assert.Contains(Products, p => p.Status == ProductStatus.Draft && !p.Published);
        Assert.Contains(Products, p => p.Status == ProductStatus.Archived);
    }

    [Fact]
    public void Customers_have_example_emails_and_E164_phones()
    {
        Assert.True(_catalog.Customers.Count >= 60);
        Assert.All(_catalog.Customers, c =>
        {
            Assert.EndsWith("@example.com", c.Email);
            if (c.Phone is not null) Assert.Matches(E164(), c.Phone);
            Assert.Contains(c.Identities, i => i.Value == c.Email!.ToLowerInvariant());
        });
        Assert.Equal(_catalog.Customers.Count, _catalog.Customers.Select(c => c.Email).Distinct().Count());
        Assert.Contains(_catalog.Customers, c => c.SmsMarketingConsent);
        Assert.Contains(_catalog.Customers, c => c.TagList().Contains("vip"));
    }

    [Fact]
    public void Orders_cover_the_last_year_with_sequential_names_and_consistent_totals()
    {
        var orders = _catalog.Orders;
        Assert.True(orders.Count >= 400);
        Assert.Equal(Enumerable.Range(1001, orders.Count).Select(n => $"#{n}"), orders.Select(o => o.Name));
        Assert.All(orders, o =>
        {
            Assert.InRange(o.CreatedAt, Now.AddDays(-366), Now);
            Assert.NotEmpty(o.Lines);
            var subtotal = o.Lines.Sum(l => l.Price * l.Quantity);
            Assert.True(o.TotalPrice == subtotal || o.TotalPrice == subtotal + DemoOrderGenerator.ShippingFee);
        });
        Assert.Contains(orders, o => o.TrackingUrl is not null && o.FulfillmentStatus == "fulfilled");
        Assert.Contains(orders, o => o.FinancialStatus == "refunded");
        Assert.Contains(orders, o => o.CancelledAt is not null);
        // Every line points at a real product and variant of the catalog.
        var variantIds = Products.SelectMany(p => p.Variants).Select(v => v.ShopifyId).ToHashSet();
        Assert.All(orders.SelectMany(o => o.Lines), l => Assert.Contains(l.VariantShopifyId!.Value, variantIds));
    }

    [Theory]
    [InlineData("Mug", "Coffee")]
    [InlineData("Yoga Mat", "Water Bottle")]
    [InlineData("Necklace", "Gift Box")]
    public void Co_purchase_pairs_show_up_in_baskets(string firstType, string secondType)
    {
        var typeByShopifyId = Products.ToDictionary(p => p.ShopifyId, p => p.ProductType);
        var together = _catalog.Orders.Count(o =>
        {
            var types = o.Lines.Select(l => typeByShopifyId[l.ProductShopifyId!.Value]).ToHashSet();
            return types.Contains(firstType) && types.Contains(secondType);
        });
        Assert.True(together >= 5, $"{firstType} with {secondType} in {together} orders");
    }

    [Fact]
    public void Bestsellers_sell_clearly_more_than_the_rest()
    {
        var sold = _catalog.Orders.SelectMany(o => o.Lines).GroupBy(l => l.ProductShopifyId!.Value)
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        int Sold(Product p) => sold.GetValueOrDefault(p.ShopifyId);
        var active = Products.Where(p => p.Status == ProductStatus.Active).ToList();
        var bestsellers = active.Where(p => p.TagList.Contains("bestseller")).ToList();
        var others = active.Except(bestsellers).ToList();
        Assert.NotEmpty(bestsellers);
        Assert.True(bestsellers.Average(Sold) > 3 * others.Average(Sold),
            $"bestsellers {bestsellers.Average(Sold):F1} vs others {others.Average(Sold):F1}");
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        var again = DemoCatalog.Generate(ShopId, Now);
        Assert.Equal(Products.Select(p => (p.Id, p.Handle, p.Tags)), again.Products.Select(p => (p.Product.Id, p.Product.Handle, p.Product.Tags)));
        Assert.Equal(Products.SelectMany(p => p.Variants).Select(v => (v.Sku, v.Price, v.InventoryQuantity)),
            again.Products.SelectMany(p => p.Product.Variants).Select(v => (v.Sku, v.Price, v.InventoryQuantity)));
        Assert.Equal(_catalog.Orders.SelectMany(o => o.Lines).Select(l => (l.VariantShopifyId, l.Quantity)),
            again.Orders.SelectMany(o => o.Lines).Select(l => (l.VariantShopifyId, l.Quantity)));
    }

    [GeneratedRegex(@"^\+[1-9]\d{7,14}$")]
    private static partial Regex E164();
}

internal static class CustomerTagExtensions
{
    public static string[] TagList(this Domain.Customers.Customer c) =>
        c.Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
