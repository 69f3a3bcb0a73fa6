namespace ConversationalCommerce.Domain;

/// <summary>A row that belongs to exactly one shop. The data layer filters every query by the current shop.</summary>
public interface IShopOwned
{
    Guid ShopId { get; set; }
}
