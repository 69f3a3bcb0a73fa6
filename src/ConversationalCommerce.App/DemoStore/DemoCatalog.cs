using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Customers;
using ConversationalCommerce.Domain.Orders;

namespace ConversationalCommerce.App.DemoStore;

/// <summary>Everything the demo shop holds, generated from a fixed seed: the same catalog on every install.</summary>
internal sealed record DemoCatalog(
    IReadOnlyList<DemoProduct> Products,
    IReadOnlyList<Collection> Collections,
    IReadOnlyList<InventoryLevel> InventoryLevels,
    IReadOnlyList<Customer> Customers,
    IReadOnlyList<Order> Orders)
{
    public const int Seed = 20_261_125;

    /// <param name="now">Orders span the twelve months before it.</param>
    public static DemoCatalog Generate(Guid shopId, DateTimeOffset now)
    {
        // One generator per part, each with its own seed, so adding a product family does not reshuffle the customers.
        var products = new DemoProductGenerator(shopId, now, new Random(Seed));
        products.Generate();
        var customers = new DemoCustomerGenerator(shopId, now, new Random(Seed + 1));
        customers.Generate();
        var orders = new DemoOrderGenerator(shopId, now, new Random(Seed + 2), products.Products, customers.Customers);
        orders.Generate();
        return new DemoCatalog(products.Products, products.Collections, products.InventoryLevels, customers.Customers, orders.Orders);
    }
}
