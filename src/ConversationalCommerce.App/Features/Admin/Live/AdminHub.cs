using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Shopify.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.App.Features.Admin.Live;

/// <summary>
/// The merchant admin's live feed (/hubs/admin): every connection of a shop's admin joins that shop's group and gets
/// each new message of its conversations as it is stored (<see cref="AdminEvents"/>), on whichever node it was stored.
/// It only listens; replies and status changes go through /api/admin. Authenticated like the admin API (a Shopify
/// session token, as <c>access_token</c> because browsers cannot set headers on WebSockets); the shop must be installed.
/// </summary>
[Authorize(Policy = ShopifySessionEndpoints.Policy)]
public sealed class AdminHub(AppDbContext db) : Hub
{
    public const string Path = ShopifySessionAuthenticationHandler.LiveHubPath;

    public override async Task OnConnectedAsync()
    {
        var domain = Context.User?.FindFirst(ShopifySessionAuthenticationHandler.ShopClaim)?.Value
            ?? throw new HubException("invalid_session");
        // No token exchange here: the page's first API call installs a new shop; a hub connection only listens.
        var shopId = await db.Shops.AsNoTracking()
            .Where(s => s.Domain == domain && s.InstallState == ShopInstallState.Installed)
            .Select(s => (Guid?)s.Id).FirstOrDefaultAsync(Context.ConnectionAborted)
            ?? throw new HubException("invalid_session");
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(shopId), Context.ConnectionAborted);
    }

    public static string Group(Guid shopId) => "admin:" + shopId.ToString("N");
}
