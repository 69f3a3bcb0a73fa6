using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Customers;
using ConversationalCommerce.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Shopify.Sync.Apply;

/// <summary>
/// New rows of one batch, written by <see cref="RowInserter"/> in foreign-key order; changes to rows we already
/// held stay with the change tracker. Both commit in one transaction with whatever else the context tracks.
/// </summary>
public sealed class InsertBuffer
{
    private readonly List<Collection> _collections = [];
    private readonly List<Product> _products = [];
    private readonly List<ProductVariant> _variants = [];
    private readonly List<ProductImage> _images = [];
    private readonly List<ProductCollection> _memberships = [];
    private readonly List<Customer> _customers = [];
    private readonly List<Order> _orders = [];
    private readonly List<OrderLine> _lines = [];

    public void Add(Guid shopId, Collection c) { c.ShopId = shopId; _collections.Add(c); }

    /// <summary>A new product with its variants, images and memberships.</summary>
    public void Add(Guid shopId, Product p)
    {
        p.ShopId = shopId;
        _products.Add(p);
        foreach (var v in p.Variants) { v.ShopId = shopId; v.ProductId = p.Id; _variants.Add(v); }
        foreach (var i in p.Images) { i.ShopId = shopId; i.ProductId = p.Id; _images.Add(i); }
        foreach (var m in p.Collections) { m.ShopId = shopId; m.ProductId = p.Id; _memberships.Add(m); }
    }

    public void Add(Guid shopId, Customer c) { c.ShopId = shopId; _customers.Add(c); }

    public void Add(Guid shopId, Order o)
    {
        o.ShopId = shopId;
        _orders.Add(o);
        foreach (var l in o.Lines) { l.ShopId = shopId; l.OrderId = o.Id; _lines.Add(l); }
    }

    /// <summary>Writes the buffered rows and the tracked changes in one transaction, then forgets both.</summary>
    public async Task SaveAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Parents first: tracked changes may point at collections inserted here.
            await RowInserter.InsertAsync(db, _collections, ct);
            await RowInserter.InsertAsync(db, _products, ct);
            await RowInserter.InsertAsync(db, _variants, ct);
            await RowInserter.InsertAsync(db, _images, ct);
            await RowInserter.InsertAsync(db, _memberships, ct);
            await RowInserter.InsertAsync(db, _customers, ct);
            await RowInserter.InsertAsync(db, _orders, ct);
            await RowInserter.InsertAsync(db, _lines, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
        Clear();
    }

    private void Clear()
    {
        _collections.Clear(); _products.Clear(); _variants.Clear(); _images.Clear();
        _memberships.Clear(); _customers.Clear(); _orders.Clear(); _lines.Clear();
    }
}
