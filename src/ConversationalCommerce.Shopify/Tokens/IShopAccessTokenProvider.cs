namespace ConversationalCommerce.Shopify.Tokens;

/// <summary>A usable Admin API access token of one shop, refreshed first when it is about to expire.</summary>
public interface IShopAccessTokenProvider
{
    Task<ShopAccess> GetAsync(Guid shopId, CancellationToken cancellationToken);

    /// <summary>
    /// Shopify answered 401 to <paramref name="rejected"/>: refresh now, whatever its expiry says, and return the new
    /// token. Once per shop for every caller rejected with the same token, like the refresh of <see cref="GetAsync"/>
    /// (a caller that arrives after the rotation gets the new token without another refresh). A shop without a
    /// refresh token, or whose refresh token Shopify refuses, is marked as needing re-authorization and
    /// <see cref="ShopReauthorizationRequiredException"/> is thrown.
    /// </summary>
    Task<ShopAccess> RenewRejectedAsync(ShopAccess rejected, CancellationToken cancellationToken);

    /// <summary>Shopify refused even a renewed token: mark the shop as needing re-authorization.</summary>
    Task MarkReauthorizationRequiredAsync(ShopAccess rejected, CancellationToken cancellationToken);
}

/// <param name="TokenVersion">The shop's token version this token was read at, so a rejected token is renewed only once.</param>
public sealed record ShopAccess(Guid ShopId, string ShopDomain, string AccessToken, int TokenVersion = 0)
{
    // Never print the token (records print every property by default).
    public override string ToString() => $"ShopAccess {{ ShopId = {ShopId}, ShopDomain = {ShopDomain} }}";
}

/// <summary>The shop has no usable token: uninstalled, never installed, or its refresh token was refused.</summary>
public class ShopNotConnectedException(Guid shopId, string reason)
    : Exception($"Shop {shopId} is not connected to Shopify: {reason}")
{
    public Guid ShopId { get; } = shopId;
}

/// <summary>
/// The shop is installed but holds no working token: Shopify rejected it and it could not be renewed. Its tokens are
/// cleared, which is how the app marks a shop for re-authorization: the merchant's next visit to the app in the
/// admin exchanges a new session token for new tokens, as after an install.
/// </summary>
public sealed class ShopReauthorizationRequiredException(Guid shopId, string reason)
    : ShopNotConnectedException(shopId, reason + "; the merchant must open the app to authorize it again");
