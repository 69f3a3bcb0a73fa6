namespace ConversationalCommerce.Engine.Llm;

/// <summary>The shop's name, assistant name and currency for the system prompt and product cards.</summary>
public interface IShopProfileSource
{
    /// <summary>Null when the shop is unknown.</summary>
    Task<ShopProfile?> FindAsync(Guid shopId, CancellationToken cancellationToken);
}
