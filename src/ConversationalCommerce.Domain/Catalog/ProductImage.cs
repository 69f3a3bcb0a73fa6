namespace ConversationalCommerce.Domain.Catalog;

public sealed class ProductImage : IShopOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ShopId { get; set; }
    public Guid ProductId { get; set; }
    public required string Src { get; set; }
    public string? AltText { get; set; }
    public int Position { get; set; }
}
