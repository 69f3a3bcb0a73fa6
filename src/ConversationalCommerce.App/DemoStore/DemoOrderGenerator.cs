using System.Globalization;
using ConversationalCommerce.App.DemoStore.Families;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Customers;
using ConversationalCommerce.Domain.Orders;

namespace ConversationalCommerce.App.DemoStore;

/// <summary>
/// A year of orders. Baskets follow the co-purchase rules (a mug usually with the same coffee) and popular
/// products sell far more often, so recommendations have real patterns to find.
/// </summary>
internal sealed class DemoOrderGenerator(Guid shopId, DateTimeOffset now, Random rng,
    IReadOnlyList<DemoProduct> products, IReadOnlyList<Customer> customers)
{
    public const long OrderIdBase = 5_610_000_000_000;
    public const int Count = 440;
    public const decimal FreeShippingFrom = 50m;
    public const decimal ShippingFee = 6.95m;

    private readonly List<DemoProduct> _sellable = products.Where(p => p.Product.Status == ProductStatus.Active).ToList();

    public List<Order> Orders { get; } = [];

    public void Generate()
    {
        var byFamily = _sellable.GroupBy(p => p.Family.Key).ToDictionary(g => g.Key, g => g.OrderBy(p => p.StyleIndex).ToList());
        var customerWeights = customers.Select(_ => 0.3 + Math.Pow(rng.NextDouble(), 2) * 5).ToList();
        var productWeights = _sellable.Select(p => p.Popularity).ToList();

        var times = Enumerable.Range(0, Count).Select(_ => now.AddMinutes(-rng.Next(60, 365 * 24 * 60))).Order().ToList();
        for (var i = 0; i < Count; i++)
        {
            var basket = new List<DemoProduct>();
            if (rng.Chance(0.45))
            {
                var (first, second) = rng.Pick(DemoCategories.CoPurchases);
                if (byFamily.TryGetValue(first, out var firsts) && byFamily.TryGetValue(second, out var seconds))
                {
                    var a = PickWeighted(firsts);
                    // Most buyers take the matching partner (same position in its family): strong product-level pairs.
                    var b = rng.Chance(0.7) ? seconds[firsts.IndexOf(a) % seconds.Count] : PickWeighted(seconds);
                    basket.Add(a);
                    basket.Add(b);
                }
                if (rng.Chance(0.2)) basket.Add(_sellable[rng.PickWeighted(productWeights)]);
            }
            var extra = basket.Count == 0 ? 1 + (rng.Chance(0.3) ? 1 : 0) + (rng.Chance(0.1) ? 1 : 0) : 0;
            for (var k = 0; k < extra; k++) basket.Add(_sellable[rng.PickWeighted(productWeights)]);

            var guest = rng.Chance(0.07);
            var customer = guest ? null : customers[rng.PickWeighted(customerWeights)];
            Orders.Add(CreateOrder(i, times[i], basket.Distinct().ToList(), customer));
        }

        foreach (var customer in customers)
        {
            var own = Orders.Where(o => o.CustomerId == customer.Id && o.CancelledAt is null).ToList();
            DemoCustomerGenerator.TagByHistory(customer, own.Count, own.Sum(o => o.TotalPrice));
        }
    }

    private DemoProduct PickWeighted(List<DemoProduct> candidates) =>
        candidates[rng.PickWeighted(candidates.Select(p => p.Popularity).ToList())];

    private Order CreateOrder(int index, DateTimeOffset createdAt, List<DemoProduct> basket, Customer? customer)
    {
        var order = new Order
        {
            Id = rng.NextGuid(),
            ShopId = shopId,
            ShopifyId = OrderIdBase + index + 1,
            Name = $"#{1001 + index}",
            CustomerId = customer?.Id,
            CustomerShopifyId = customer?.ShopifyId,
            Email = customer?.Email ?? $"guest{index + 1}@example.com",
            Currency = "USD",
            CreatedAt = createdAt,
        };
        foreach (var item in basket)
        {
            var variant = rng.Pick(item.Product.Variants);
            order.Lines.Add(new OrderLine
            {
                Id = rng.NextGuid(),
                ShopId = shopId,
                OrderId = order.Id,
                ProductShopifyId = item.Product.ShopifyId,
                VariantShopifyId = variant.ShopifyId,
                Title = item.Product.Title,
                VariantTitle = variant.Title == "Default Title" ? null : variant.Title,
                Quantity = rng.Chance(0.85) ? 1 : rng.Chance(0.8) ? 2 : 3,
                Price = variant.Price,
            });
        }
        var subtotal = order.Lines.Sum(l => l.Price * l.Quantity);
        order.TotalPrice = subtotal + (subtotal >= FreeShippingFrom ? 0m : ShippingFee);
        SetStatus(order);
        return order;
    }

    private void SetStatus(Order order)
    {
        var age = now - order.CreatedAt;
        var roll = rng.NextDouble();
        order.UpdatedAt = order.CreatedAt;
        if (age < TimeSpan.FromDays(3))
        {
            order.FinancialStatus = roll < 0.15 ? "pending" : "paid";
            order.FulfillmentStatus = null;
            return;
        }
        if (roll < 0.03)
        {
            order.FinancialStatus = "voided";
            order.CancelledAt = order.CreatedAt.AddHours(rng.Next(1, 30));
            order.UpdatedAt = order.CancelledAt.Value;
            return;
        }
        order.FinancialStatus = roll < 0.07 ? "refunded" : roll < 0.10 ? "partially_refunded" : "paid";
        order.FulfillmentStatus = "fulfilled";
        order.TrackingUrl = TrackingUrl();
        order.UpdatedAt = order.CreatedAt.AddDays(rng.Next(1, 4));
    }

    private string TrackingUrl()
    {
        var digits = string.Concat(Enumerable.Range(0, 18).Select(_ => rng.Next(10).ToString(CultureInfo.InvariantCulture)));
        return rng.Chance(0.6)
            ? $"https://tools.usps.com/go/TrackConfirmAction?tLabels=9400{digits}"
            : $"https://www.ups.com/track?tracknum=1Z999AA1{digits[..10]}";
    }
}
