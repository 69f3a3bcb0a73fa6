namespace ConversationalCommerce.Shopify.Tokens;

/// <summary>A usable Admin API access token of one shop, refreshed first when it is about to expire.</summary>
public interface IShopAccessTokenProvider
{
    Task<ShopAccess> GetAsync(Guid shopId, CancellationToken cancellationToken);
}

public sealed record ShopAccess(Guid ShopId, string ShopDomain, string AccessToken)
{
    // Never print the token (records print every property by default).
    public override string ToString() => $"ShopAccess {{ ShopId = {ShopId}, ShopDomain = {ShopDomain} }}";
}

/// <summary>The shop has no usable token: uninstalled, never installed, or its refresh token was refused.</summary>
public sealed class ShopNotConnectedException(Guid shopId, string reason)
    : Exception($"Shop {shopId} is not connected to Shopify: {reason}")
{
    public Guid ShopId { get; } = shopId;
}
