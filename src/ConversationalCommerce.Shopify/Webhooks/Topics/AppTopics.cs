using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Shopify.Lifecycle;
using ConversationalCommerce.Shopify.Webhooks.Payloads;

namespace ConversationalCommerce.Shopify.Webhooks.Topics;

/// <summary>app/uninstalled, app/scopes_update, shop/update, bulk_operations/finish.</summary>
public sealed class AppTopics(AppDbContext db, ResourceVersions versions, IShopLifecycle lifecycle, IEnumerable<IBulkOperationListener> bulkListeners)
    : IShopifyTopicHandler
{
    public IReadOnlyCollection<string> Topics { get; } =
        [ShopifyTopics.AppUninstalled, ShopifyTopics.AppScopesUpdate, ShopifyTopics.ShopUpdate, ShopifyTopics.BulkOperationsFinish];

    public async Task ApplyAsync(ShopifyWebhook webhook, CancellationToken cancellationToken)
    {
        switch (webhook.Topic)
        {
            case ShopifyTopics.AppUninstalled:
                await lifecycle.UninstallAsync(webhook.Shop.Id, webhook.OccurredAt, cancellationToken);
                break;
            case ShopifyTopics.AppScopesUpdate:
                await ApplyScopesAsync(webhook, cancellationToken);
                break;
            case ShopifyTopics.ShopUpdate:
                await ApplyShopAsync(webhook, cancellationToken);
                break;
            case ShopifyTopics.BulkOperationsFinish:
                await HandOverBulkOperationAsync(webhook, cancellationToken);
                break;
        }
    }

    private async Task ApplyScopesAsync(ShopifyWebhook webhook, CancellationToken cancellationToken)
    {
        var payload = webhook.Read<AppScopesPayload>();
        if (await versions.IsStaleElseRecordAsync(ResourceVersions.AppScopes, payload.Id, payload.UpdatedAt ?? webhook.OccurredAt, cancellationToken))
            return;
        webhook.Shop.GrantedScopes = string.Join(',', payload.Current.Select(s => s.Trim()).Where(s => s.Length > 0));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task ApplyShopAsync(ShopifyWebhook webhook, CancellationToken cancellationToken)
    {
        var payload = webhook.Read<ShopPayload>();
        if (await versions.IsStaleElseRecordAsync(ResourceVersions.Shop, payload.Id, payload.UpdatedAt ?? webhook.OccurredAt, cancellationToken))
            return;
        var shop = webhook.Shop;
        if (!string.IsNullOrWhiteSpace(payload.Name)) shop.Name = payload.Name;
        if (payload.Currency is { Length: 3 } currency) shop.Currency = currency.ToUpperInvariant();
        if (!string.IsNullOrWhiteSpace(payload.PrimaryLocale)) shop.Locale = payload.PrimaryLocale;
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task HandOverBulkOperationAsync(ShopifyWebhook webhook, CancellationToken cancellationToken)
    {
        var listeners = bulkListeners.ToList();
        if (listeners.Count == 0)
            throw new InboxMessageIgnoredException("No bulk sync is registered to take the finished bulk operation.");
        var payload = webhook.Read<BulkOperationPayload>();
        var finished = new BulkOperationFinished(payload.AdminGraphqlApiId ?? "", payload.Status ?? "", payload.ErrorCode, payload.Type, payload.CompletedAt);
        foreach (var listener in listeners)
            await listener.BulkOperationFinishedAsync(webhook.Shop.Id, finished, cancellationToken);
    }
}
