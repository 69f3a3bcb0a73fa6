using System.Text.Json;
using ConversationalCommerce.Domain.Orders;
using ConversationalCommerce.Shopify.Sync.Bulk;

namespace ConversationalCommerce.Shopify.Sync.Mapping;

public static class OrderMapper
{
    public static Order? FromBulk(BulkRecord record) =>
        Map(record.Root, record.Children.Where(c => ShopifyGid.IdOf(c.Str("id"), "LineItem") is not null));

    public static Order? FromNode(JsonElement node) => Map(node, node.Nodes("lineItems"));

    private static Order? Map(JsonElement root, IEnumerable<JsonElement> lines)
    {
        if (ShopifyGid.IdOf(root.Str("id"), "Order") is not { } id) return null;
        var total = root.Obj("totalPriceSet")?.Obj("shopMoney");
        var order = new Order
        {
            ShopifyId = id,
            Name = root.Str("name") ?? "",
            Email = root.Str("email")?.Trim().ToLowerInvariant(),
            CustomerShopifyId = root.Obj("customer") is { } c ? ShopifyGid.IdOf(c.Str("id"), "Customer") : null,
            TotalPrice = total?.Dec("amount") ?? 0m,
            Currency = total?.Str("currencyCode") ?? root.Str("currencyCode") ?? "USD",
            FinancialStatus = root.Str("displayFinancialStatus") ?? "",
            FulfillmentStatus = root.Str("displayFulfillmentStatus"),
            CreatedAt = root.Time("createdAt") ?? DateTimeOffset.UnixEpoch,
            UpdatedAt = root.Time("updatedAt") ?? DateTimeOffset.UnixEpoch,
            CancelledAt = root.Time("cancelledAt"),
        };
        foreach (var line in lines)
        {
            order.Lines.Add(new OrderLine
            {
                Title = line.Str("title") ?? "",
                VariantTitle = line.Str("variantTitle"),
                Quantity = line.Int("quantity") ?? 0,
                Price = line.Obj("originalUnitPriceSet")?.Obj("shopMoney")?.Dec("amount") ?? 0m,
                ProductShopifyId = line.Obj("product") is { } p ? ShopifyGid.IdOf(p.Str("id"), "Product") : null,
                VariantShopifyId = line.Obj("variant") is { } v ? ShopifyGid.IdOf(v.Str("id"), "ProductVariant") : null,
            });
        }
        return order;
    }
}
