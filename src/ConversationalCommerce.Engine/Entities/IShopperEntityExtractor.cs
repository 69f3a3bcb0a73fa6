namespace ConversationalCommerce.Engine.Entities;

/// <summary>Pulls budgets, recipients, occasions, product attributes and references out of a shopper message.</summary>
public interface IShopperEntityExtractor
{
    /// <summary>Uses the shop's catalog vocabulary (types, vendors, option values) when the catalog search knows the shop.</summary>
    ShopperEntities Extract(Guid shopId, string text);
}
