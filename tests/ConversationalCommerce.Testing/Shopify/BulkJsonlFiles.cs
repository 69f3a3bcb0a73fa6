using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ConversationalCommerce.Testing.Shopify;

/// <summary>
/// Writes bulk operation results exactly as Shopify does: one JSON object per line, each nested connection node on
/// its own line after its parent with <c>__parentId</c>, list fields (options, selectedOptions, tags) inline.
/// </summary>
public static class BulkJsonlFiles
{
    public const long FirstProductId = 8_000_000_000;
    private static readonly string[] Types = ["Mug", "Teapot", "Scarf", "Candle", "Notebook", "Backpack", "Lamp", "Puzzle"];
    private static readonly string[] Colors = ["Red", "Blue", "Green", "Black"];
    private static readonly string[] Sizes = ["S", "M", "L"];

    /// <summary>Writes <paramref name="count"/> products; returns the number of lines written.</summary>
    public static long WriteProducts(string path, int count, DateTimeOffset updatedAt, string titleSuffix = "")
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        long lines = 0;
        for (var i = 0; i < count; i++)
        {
            var id = FirstProductId + i;
            var productGid = $"gid://shopify/Product/{id}";
            var type = Types[i % Types.Length];
            var color = Colors[i % Colors.Length];
            Write(writer, new Dictionary<string, object?>
            {
                ["id"] = productGid,
                ["handle"] = $"{color.ToLowerInvariant()}-{type.ToLowerInvariant()}-{i}",
                ["title"] = $"{color} {type} {i}{titleSuffix}",
                ["descriptionHtml"] = $"<p>A {color.ToLowerInvariant()} {type.ToLowerInvariant()}, number {i}, made with care.</p>",
                ["vendor"] = $"Maker {i % 25}",
                ["productType"] = type,
                ["tags"] = new[] { "gift", color.ToLowerInvariant() },
                ["status"] = "ACTIVE",
                ["publishedAt"] = "2026-01-05T09:00:00Z",
                ["createdAt"] = "2026-01-05T09:00:00Z",
                ["updatedAt"] = Iso(updatedAt),
                ["options"] = new object[] { new { name = "Color", position = 1 }, new { name = "Size", position = 2 } },
            });
            lines++;
            var variants = 1 + i % 3;
            for (var v = 0; v < variants; v++)
            {
                var variantId = id * 10 + v;
                Write(writer, new Dictionary<string, object?>
                {
                    ["id"] = $"gid://shopify/ProductVariant/{variantId}",
                    ["title"] = $"{color} / {Sizes[v]}",
                    ["sku"] = $"SKU-{i}-{Sizes[v]}",
                    ["price"] = (9.5m + i % 90 + v).ToString("0.00", CultureInfo.InvariantCulture),
                    ["compareAtPrice"] = i % 5 == 0 ? (20m + i % 90 + v).ToString("0.00", CultureInfo.InvariantCulture) : null,
                    ["position"] = v + 1,
                    ["inventoryQuantity"] = (i + v) % 7,
                    ["inventoryPolicy"] = i % 11 == 0 ? "CONTINUE" : "DENY",
                    ["selectedOptions"] = new object[] { new { name = "Color", value = color }, new { name = "Size", value = Sizes[v] } },
                    ["inventoryItem"] = new { id = $"gid://shopify/InventoryItem/{variantId + 5_000_000_000_000}", tracked = i % 13 != 0 },
                    ["__parentId"] = productGid,
                });
                lines++;
            }
            Write(writer, new Dictionary<string, object?>
            {
                ["id"] = $"gid://shopify/MediaImage/{id + 100}",
                ["alt"] = $"{color} {type}",
                ["image"] = new { url = $"https://cdn.shopify.com/s/files/1/0000/0001/files/p{i}.jpg?v=1", altText = $"{color} {type}" },
                ["__parentId"] = productGid,
            });
            lines++;
            Write(writer, new Dictionary<string, object?>
            {
                ["id"] = $"gid://shopify/Collection/{900 + i % Types.Length}",
                ["handle"] = type.ToLowerInvariant() + "s",
                ["title"] = type + "s",
                ["updatedAt"] = "2026-01-05T09:00:00Z",
                ["__parentId"] = productGid,
            });
            lines++;
        }
        return lines;
    }

    public static long WriteCustomers(string path, int count, DateTimeOffset updatedAt)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        for (var i = 0; i < count; i++)
            Write(writer, new Dictionary<string, object?>
            {
                ["id"] = $"gid://shopify/Customer/{7_000_000 + i}",
                ["firstName"] = $"First{i}",
                ["lastName"] = $"Last{i}",
                ["defaultEmailAddress"] = new { emailAddress = $"Customer{i}@Example.com", marketingState = i % 2 == 0 ? "SUBSCRIBED" : "NOT_SUBSCRIBED" },
                ["defaultPhoneNumber"] = i % 3 == 0 ? new { phoneNumber = $"+1555010{i:0000}", marketingState = "NOT_SUBSCRIBED" } : null,
                ["tags"] = new[] { "vip" },
                ["locale"] = "en",
                ["createdAt"] = "2026-02-01T10:00:00Z",
                ["updatedAt"] = Iso(updatedAt),
            });
        return count;
    }

    public static long WriteOrders(string path, int count, DateTimeOffset createdAt)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        long lines = 0;
        for (var i = 0; i < count; i++)
        {
            var gid = $"gid://shopify/Order/{6_000_000 + i}";
            Write(writer, new Dictionary<string, object?>
            {
                ["id"] = gid,
                ["name"] = $"#{1001 + i}",
                ["email"] = $"customer{i}@example.com",
                ["createdAt"] = Iso(createdAt),
                ["updatedAt"] = Iso(createdAt),
                ["cancelledAt"] = null,
                ["displayFinancialStatus"] = "PAID",
                ["displayFulfillmentStatus"] = "FULFILLED",
                ["currencyCode"] = "USD",
                ["totalPriceSet"] = new { shopMoney = new { amount = "39.0", currencyCode = "USD" } },
                ["customer"] = new { id = $"gid://shopify/Customer/{7_000_000 + i}" },
            });
            lines++;
            for (var l = 0; l < 2; l++)
            {
                var productId = FirstProductId + i + l;
                Write(writer, new Dictionary<string, object?>
                {
                    ["id"] = $"gid://shopify/LineItem/{50_000_000 + i * 10 + l}",
                    ["title"] = $"Product {productId}",
                    ["variantTitle"] = "Red / S",
                    ["quantity"] = l + 1,
                    ["originalUnitPriceSet"] = new { shopMoney = new { amount = "13.0", currencyCode = "USD" } },
                    ["product"] = new { id = $"gid://shopify/Product/{productId}" },
                    ["variant"] = new { id = $"gid://shopify/ProductVariant/{productId * 10}" },
                    ["__parentId"] = gid,
                });
                lines++;
            }
        }
        return lines;
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Write(StreamWriter writer, Dictionary<string, object?> line) => writer.WriteLine(JsonSerializer.Serialize(line));
}
