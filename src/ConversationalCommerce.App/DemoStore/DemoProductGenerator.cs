using System.Net;
using System.Text;
using ConversationalCommerce.App.DemoStore.Families;
using ConversationalCommerce.Domain.Catalog;

namespace ConversationalCommerce.App.DemoStore;

/// <summary>A generated product with what the order generator needs to know about it.</summary>
internal sealed record DemoProduct(Product Product, DemoCategory Category, ProductFamily Family, int StyleIndex, double Popularity);

/// <summary>Turns the hand-written families into products, variants, images, collections and stock levels.</summary>
internal sealed class DemoProductGenerator(Guid shopId, DateTimeOffset now, Random rng)
{
    public const long ProductIdBase = 8_100_000_000_000;
    public const long VariantIdBase = 45_100_000_000_000;
    public const long InventoryItemIdBase = 47_100_000_000_000;
    public const long CollectionIdBase = 420_000_000_000;
    public const long LocationId = 71_000_000_001;

    // Fixed positions in generation order, so every install has the same few unavailable products.
    private static readonly HashSet<int> DraftAt = [17, 121, 233];
    private static readonly HashSet<int> ArchivedAt = [58, 290];
    private static readonly HashSet<int> SoldOutAt = [9, 77, 145, 201, 268, 333];

    private static readonly string[] GiftNotes =
    [
        "Arrives in plastic-free packaging; add a handwritten gift note at checkout.",
        "Gift-ready: wrapped in tissue with a kraft gift tag, free of charge.",
        "Ships within two business days; free returns within 30 days.",
        "Packed without a price list, so it can go straight to the recipient.",
    ];

    private long _variantCounter;

    public List<DemoProduct> Products { get; } = [];
    public List<Collection> Collections { get; } = [];
    public List<InventoryLevel> InventoryLevels { get; } = [];

    public void Generate()
    {
        var handles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var category in DemoCategories.All)
        foreach (var family in category.Families)
            for (var s = 0; s < family.Styles.Length; s++)
                Products.Add(CreateProduct(category, family, s, handles));
        TagBestsellers();
        CreateCollections();
    }

    private DemoProduct CreateProduct(DemoCategory category, ProductFamily family, int styleIndex, HashSet<string> handles)
    {
        var index = Products.Count;
        var style = family.Styles[styleIndex];
        var title = $"{style} {family.Noun}";
        var handle = Slug(title);
        for (var n = 2; !handles.Add(handle); n++) handle = $"{Slug(title)}-{n}";

        var vendor = family.Vendors[styleIndex % family.Vendors.Length];
        var colors = PickColors(family);
        var axes = new List<OptionScale>();
        if (family.Sizes is not null) axes.Add(family.Sizes);
        if (colors.Count > 0) axes.Add(new OptionScale("Color", colors.Select(c => (DemoPalette.DisplayName(c), 1m)).ToArray()));
        if (family.Materials is not null) axes.Add(family.Materials);

        var basePrice = family.MinPrice + (family.MaxPrice - family.MinPrice) * (decimal)rng.NextDouble();
        var onSale = rng.Chance(0.15);
        var saleFactor = 1.2m + (decimal)rng.NextDouble() * 0.25m;
        var madeToOrder = style.Contains("Monogram", StringComparison.Ordinal) || style.Contains("Engraved", StringComparison.Ordinal);
        var preorder = !madeToOrder && rng.Chance(0.04);
        var soldOut = SoldOutAt.Contains(index);
        var createdAt = now.AddDays(-rng.Next(20, 420)).AddMinutes(-rng.Next(0, 1440));

        var product = new Product
        {
            Id = rng.NextGuid(),
            ShopId = shopId,
            ShopifyId = ProductIdBase + index + 1,
            Handle = handle,
            Title = title,
            Vendor = vendor,
            ProductType = family.ProductType,
            Status = DraftAt.Contains(index) ? ProductStatus.Draft : ArchivedAt.Contains(index) ? ProductStatus.Archived : ProductStatus.Active,
            Published = !DraftAt.Contains(index) && !ArchivedAt.Contains(index),
            Option1Name = axes.Count > 0 ? axes[0].Name : "Title",
            Option2Name = axes.Count > 1 ? axes[1].Name : null,
            Option3Name = axes.Count > 2 ? axes[2].Name : null,
            CreatedAt = createdAt,
            UpdatedAt = createdAt.AddDays(rng.Next(0, 15)),
        };

        var position = 1;
        foreach (var combination in Combinations(axes))
        {
            var factor = combination.Aggregate(1m, (f, v) => f * v.PriceFactor);
            var price = SeededRandom.RetailPrice(basePrice * factor);
            var quantity = soldOut ? 0 : rng.Chance(0.09) ? 0 : rng.Next(1, 61);
            var variantNumber = ++_variantCounter;
            var variant = new ProductVariant
            {
                Id = rng.NextGuid(),
                ShopId = shopId,
                ProductId = product.Id,
                ShopifyId = VariantIdBase + variantNumber,
                Title = combination.Count == 0 ? "Default Title" : string.Join(" / ", combination.Select(v => v.Value)),
                Sku = $"{SkuPrefix(family.Key)}-{index + 1:D3}-{position:D2}",
                Price = price,
                CompareAtPrice = onSale ? SeededRandom.RetailPrice(price * saleFactor) : null,
                Option1 = combination.Count > 0 ? combination[0].Value : "Default Title",
                Option2 = combination.Count > 1 ? combination[1].Value : null,
                Option3 = combination.Count > 2 ? combination[2].Value : null,
                Position = position++,
                InventoryItemId = InventoryItemIdBase + variantNumber,
                InventoryQuantity = madeToOrder ? 0 : quantity,
                InventoryTracked = !madeToOrder,
                InventoryPolicy = preorder ? InventoryPolicy.Continue : InventoryPolicy.Deny,
            };
            product.Variants.Add(variant);
            if (variant.InventoryTracked)
                InventoryLevels.Add(new InventoryLevel
                {
                    Id = rng.NextGuid(), ShopId = shopId, InventoryItemId = variant.InventoryItemId.Value,
                    LocationId = LocationId, Available = variant.InventoryQuantity, UpdatedAt = product.UpdatedAt,
                });
        }

        List<string?> imageColors = colors.Count > 0 ? [.. colors] : [null];
        for (var i = 0; i < imageColors.Count; i++)
        {
            var color = imageColors[i];
            product.Images.Add(new ProductImage
            {
                Id = rng.NextGuid(),
                ShopId = shopId,
                ProductId = product.Id,
                Src = DemoAssetsApi.ImagePath(handle, color),
                AltText = color is null ? title : $"{title} in {color}",
                Position = i + 1,
            });
        }

        product.BodyHtml = Describe(family, colors, madeToOrder, preorder);
        var minPrice = product.Variants.Min(v => v.Price);
        product.Tags = string.Join(", ", BaseTags(category, family, minPrice, onSale, isNew: createdAt > now.AddDays(-45)));
        var popularity = product.Status == ProductStatus.Active ? 0.3 + Math.Pow(rng.NextDouble(), 3) * 10 : 0;
        return new DemoProduct(product, category, family, styleIndex, popularity);
    }

    private List<string> PickColors(ProductFamily family)
    {
        if (family.Colors.Length == 0) return [];
        var count = Math.Min(family.Colors.Length, rng.Next(1, 4));
        var start = rng.Next(family.Colors.Length);
        return Enumerable.Range(0, count).Select(i => family.Colors[(start + i) % family.Colors.Length]).ToList();
    }

    private static IEnumerable<List<(string Value, decimal PriceFactor)>> Combinations(IReadOnlyList<OptionScale> axes)
    {
        IEnumerable<List<(string Value, decimal PriceFactor)>> result = [[]];
        foreach (var axis in axes)
            result = result.SelectMany(prefix => axis.Values.Select(v => new List<(string, decimal)>(prefix) { v })).ToList();
        return result;
    }

    private string Describe(ProductFamily family, IReadOnlyList<string> colors, bool madeToOrder, bool preorder)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<p>").Append(E(family.Pitch)).Append("</p>\n<ul>\n");
        html.Append("<li><strong>Material:</strong> ").Append(E(family.Material)).Append("</li>\n");
        html.Append("<li><strong>Size &amp; fit:</strong> ").Append(E(family.Fit)).Append("</li>\n");
        if (colors.Count > 0)
            html.Append("<li><strong>Colours:</strong> ").Append(E(string.Join(", ", colors.Select(DemoPalette.DisplayName)))).Append("</li>\n");
        html.Append("<li><strong>Care:</strong> ").Append(E(family.Care)).Append("</li>\n</ul>\n");
        if (madeToOrder) html.Append("<p>Personalised to order in our studio; please allow five business days before dispatch.</p>\n");
        if (preorder) html.Append("<p>Pre-order: new stock arrives within three weeks; we ship as soon as it lands.</p>\n");
        html.Append("<p>").Append(E(rng.Pick(GiftNotes))).Append("</p>");
        return html.ToString();
    }

    private static IEnumerable<string> BaseTags(DemoCategory category, ProductFamily family, decimal minPrice, bool onSale, bool isNew)
    {
        var tags = new List<string> { category.Tag, "gift" };
        tags.AddRange(family.Tags);
        if (minPrice < 25) tags.Add("under-25");
        else if (minPrice < 50) tags.Add("under-50");
        else if (minPrice >= 150) tags.Add("luxury");
        if (onSale) tags.Add("sale");
        if (isNew) tags.Add("new-arrival");
        return tags.Distinct(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The most popular tenth of active products carries the "bestseller" tag the orders will bear out.</summary>
    private void TagBestsellers()
    {
        var top = Products.Where(p => p.Product.Status == ProductStatus.Active)
            .OrderByDescending(p => p.Popularity).Take(Products.Count / 10);
        foreach (var p in top) p.Product.Tags += ", bestseller";
    }

    private void CreateCollections()
    {
        var active = Products.Where(p => p.Product.Status == ProductStatus.Active).ToList();
        foreach (var category in DemoCategories.All)
            AddCollection(category.Tag, category.Name, active.Where(p => p.Category == category));
        AddCollection("bestsellers", "Bestsellers", active.Where(p => p.Product.TagList.Contains("bestseller")));
        AddCollection("gifts-under-25", "Gifts under $25", active.Where(p => p.Product.Variants.Min(v => v.Price) < 25));
        AddCollection("gifts-for-her", "Gifts for her", active.Where(p => p.Product.TagList.Contains("for-her")));
        AddCollection("gifts-for-him", "Gifts for him", active.Where(p => p.Product.TagList.Contains("for-him")));
        AddCollection("gifts-for-kids", "Gifts for kids", active.Where(p => p.Product.TagList.Contains("for-kids")));
    }

    private void AddCollection(string handle, string title, IEnumerable<DemoProduct> members)
    {
        var collection = new Collection
        {
            Id = rng.NextGuid(), ShopId = shopId, ShopifyId = CollectionIdBase + Collections.Count + 1,
            Handle = handle, Title = title, UpdatedAt = now,
        };
        foreach (var member in members)
            collection.Products.Add(new ProductCollection { ShopId = shopId, ProductId = member.Product.Id, CollectionId = collection.Id });
        Collections.Add(collection);
    }

    private static string SkuPrefix(string familyKey) =>
        string.Concat(familyKey.Split('-').Select(part => part[..Math.Min(3, part.Length)])).ToUpperInvariant();

    public static string Slug(string text)
    {
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark || c == '\'') continue;
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        return slug.ToString().Trim('-');
    }
}
