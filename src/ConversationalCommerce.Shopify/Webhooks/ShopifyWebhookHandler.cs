using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Domain.Shops;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Shopify.Webhooks;

/// <summary>
/// The inbox handler of source "shopify": finds the shop, refuses what an uninstalled or unknown shop sends
/// (the row ends Ignored), and hands the delivery to the handler of its topic.
/// </summary>
public sealed class ShopifyWebhookHandler(AppDbContext db, IEnumerable<IShopifyTopicHandler> handlers) : IInboxHandler
{
    public string Source => ShopifyWebhookReceiver.Source;

    public async Task HandleAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        if (message.ShopId is not { } shopId)
            throw new InboxMessageIgnoredException($"No shop {message.ShopDomain} is installed.");
        var shop = await db.Shops.FirstOrDefaultAsync(s => s.Id == shopId, cancellationToken)
            ?? throw new InboxMessageIgnoredException("The shop's data was erased.");
        if (shop.InstallState == ShopInstallState.Uninstalled && !ShopifyTopics.AppliesToUninstalledShop(message.Topic))
            throw new InboxMessageIgnoredException("The shop has uninstalled the app.");
        var handler = handlers.FirstOrDefault(h => h.Topics.Contains(message.Topic))
            ?? throw new InboxMessageIgnoredException($"Topic {message.Topic} is not handled.");
        await handler.ApplyAsync(new ShopifyWebhook(message, shop), cancellationToken);
    }
}
