using System.Text.Json;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Shopify.Sync.Bulk;

namespace ConversationalCommerce.Shopify.Sync.Mapping;

/// <summary>A product as Shopify sent it, with the collections it belongs to (matched to our rows by the writer).</summary>
public sealed record ShopifyProduct(Product Product, IReadOnlyList<ShopifyCollectionRef> Collections);

public sealed record ShopifyCollectionRef(long ShopifyId, string Handle, string Title, DateTimeOffset UpdatedAt);

/// <summary>Shopify product JSON (a bulk record, or a nested GraphQL node) to our catalog rows.</summary>
public static class ProductMapper
{
    public static ShopifyProduct? FromBulk(BulkRecord record)
    {
        var variants = new List<JsonElement>();
        var images = new List<JsonElement>();
        var collections = new List<JsonElement>();
        foreach (var child in record.Children)
        {
            ShopifyGid.TryParse(child.Str("id"), out var type, out _);
            switch (type)
            {
                case "ProductVariant": variants.Add(child); break;
                case "MediaImage": images.Add(child); break;
                case "Collection": collections.Add(child); break;
                // Media of other kinds (video, 3D) come through as lines without fields we select.
            }
        }
        return Map(record.Root, variants, images, collections);
    }

    /// <summary>A product node of a regular query (variants, media and collections as nested connections).</summary>
    public static ShopifyProduct? FromNode(JsonElement node) =>
        Map(node, node.Nodes("variants").ToList(), node.Nodes("media").Where(m => m.Str("id") is not null).ToList(), node.Nodes("collections").ToList());

    private static ShopifyProduct? Map(JsonElement root, List<JsonElement> variants, List<JsonElement> images, List<JsonElement> collections)
    {
        if (ShopifyGid.IdOf(root.Str("id"), "Product") is not { } productId) return null;
        var options = root.Arr("options")
            .OrderBy(o => o.Int("position") ?? int.MaxValue)
            .Select(o => o.Str("name") ?? "")
            .ToArray();
        var product = new Product
        {
            ShopifyId = productId,
            Handle = root.Str("handle") ?? productId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Title = root.Str("title") ?? "",
            BodyHtml = root.Str("descriptionHtml") ?? "",
            Vendor = root.Str("vendor") ?? "",
            ProductType = root.Str("productType") ?? "",
            Tags = string.Join(", ", root.Arr("tags").Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString())),
            Status = root.Str("status") switch
            {
                "ACTIVE" => ProductStatus.Active,
                "ARCHIVED" => ProductStatus.Archived,
                _ => ProductStatus.Draft,
            },
            Published = root.Str("publishedAt") is not null,
            Option1Name = options.ElementAtOrDefault(0),
            Option2Name = options.ElementAtOrDefault(1),
            Option3Name = options.ElementAtOrDefault(2),
            CreatedAt = root.Time("createdAt") ?? DateTimeOffset.UnixEpoch,
            UpdatedAt = root.Time("updatedAt") ?? DateTimeOffset.UnixEpoch,
        };

        var position = 0;
        foreach (var v in variants)
        {
            if (ShopifyGid.IdOf(v.Str("id"), "ProductVariant") is not { } variantId) continue;
            position++;
            var selected = v.Arr("selectedOptions").Select(o => (Name: o.Str("name"), Value: o.Str("value"))).ToList();
            string? OptionValue(int index) =>
                index < options.Length && selected.FirstOrDefault(s => s.Name == options[index]) is { Value: { } byName } ? byName
                : index < selected.Count ? selected[index].Value : null;
            var item = v.Obj("inventoryItem");
            product.Variants.Add(new ProductVariant
            {
                ShopifyId = variantId,
                Title = v.Str("title") ?? "Default Title",
                Sku = string.IsNullOrEmpty(v.Str("sku")) ? null : v.Str("sku"),
                Price = v.Dec("price") ?? 0m,
                CompareAtPrice = v.Dec("compareAtPrice"),
                Option1 = OptionValue(0),
                Option2 = OptionValue(1),
                Option3 = OptionValue(2),
                Position = v.Int("position") ?? position,
                InventoryItemId = item is { } i ? ShopifyGid.IdOf(i.Str("id"), "InventoryItem") : null,
                InventoryQuantity = v.Int("inventoryQuantity") ?? 0,
                InventoryPolicy = v.Str("inventoryPolicy") == "CONTINUE" ? InventoryPolicy.Continue : InventoryPolicy.Deny,
                InventoryTracked = item?.Bool("tracked") ?? true,
            });
        }

        var imagePosition = 0;
        foreach (var m in images)
        {
            if (m.Obj("image") is not { } image || image.Str("url") is not { } url) continue;
            product.Images.Add(new ProductImage
            {
                Src = url,
                AltText = m.Str("alt") ?? image.Str("altText"),
                Position = ++imagePosition,
            });
        }

        var refs = new List<ShopifyCollectionRef>();
        foreach (var c in collections)
        {
            if (ShopifyGid.IdOf(c.Str("id"), "Collection") is not { } collectionId) continue;
            refs.Add(new ShopifyCollectionRef(collectionId, c.Str("handle") ?? "", c.Str("title") ?? "", c.Time("updatedAt") ?? DateTimeOffset.UnixEpoch));
        }
        return new ShopifyProduct(product, refs);
    }
}
