namespace ConversationalCommerce.Domain.Catalog;

public sealed class Collection : IShopOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ShopId { get; set; }
    public long ShopifyId { get; set; }
    public required string Handle { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<ProductCollection> Products { get; set; } = [];
}

public sealed class ProductCollection : IShopOwned
{
    public Guid ShopId { get; set; }
    public Guid ProductId { get; set; }
    public Guid CollectionId { get; set; }
    public Collection? Collection { get; set; }
}
