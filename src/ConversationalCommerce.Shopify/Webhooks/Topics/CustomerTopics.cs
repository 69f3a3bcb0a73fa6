using System.Globalization;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Customers;
using ConversationalCommerce.Domain.Sync;
using ConversationalCommerce.Shopify.Webhooks.Payloads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Shopify.Webhooks.Topics;

/// <summary>customers/create|update|delete|merge.</summary>
public sealed class CustomerTopics(AppDbContext db, CustomerRecords customers, ResourceVersions versions, ILogger<CustomerTopics> log)
    : IShopifyTopicHandler
{
    public IReadOnlyCollection<string> Topics { get; } =
        [ShopifyTopics.CustomersCreate, ShopifyTopics.CustomersUpdate, ShopifyTopics.CustomersDelete, ShopifyTopics.CustomersMerge];

    public Task ApplyAsync(ShopifyWebhook webhook, CancellationToken cancellationToken) =>
        // Delete and merge mix set-based updates with tracked changes: one transaction keeps them together.
        db.InTransactionAsync(async ct =>
        {
            switch (webhook.Topic)
            {
                case ShopifyTopics.CustomersDelete:
                    await DeleteAsync(webhook.Read<DeletedPayload>().Id, webhook.OccurredAt, ct);
                    break;
                case ShopifyTopics.CustomersMerge:
                    await MergeAsync(webhook, ct);
                    break;
                default:
                    await customers.UpsertAsync(webhook.Read<CustomerPayload>(), webhook.OccurredAt, onlyIfMissing: false, ct);
                    break;
            }
            await db.SaveChangesAsync(ct);
        }, cancellationToken);

    /// <summary>
    /// Shopify's record is gone: drop the link to it. A profile that also lives on our channels (widget, WhatsApp,
    /// email) stays with its conversations; one that only mirrored Shopify is removed.
    /// </summary>
    private async Task DeleteAsync(long shopifyId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await versions.TombstoneAsync(ShopifyResourceType.Customer, shopifyId, at, cancellationToken);
        var customer = await customers.FindAsync(shopifyId, cancellationToken);
        if (customer is null) return;
        var shopifyIdentities = customer.Identities.Where(i => i.Kind == ChannelIdentityKind.ShopifyCustomer).ToList();
        db.ChannelIdentities.RemoveRange(shopifyIdentities);
        var hasChannels = customer.Identities.Count > shopifyIdentities.Count
            || await db.Conversations.AnyAsync(c => c.CustomerId == customer.Id, cancellationToken);
        if (hasChannels)
        {
            customer.ShopifyId = null;
            return;
        }
        await db.Orders.Where(o => o.CustomerId == customer.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.CustomerId, (Guid?)null), cancellationToken);
        db.Customers.Remove(customer);
    }

    /// <summary>The deleted customer's history (conversations, orders, identities) moves to the kept one.</summary>
    private async Task MergeAsync(ShopifyWebhook webhook, CancellationToken cancellationToken)
    {
        var payload = webhook.Read<CustomerMergePayload>();
        var keptId = ShopifyJson.IdFromGid(payload.AdminGraphqlApiCustomerKeptId);
        var deletedId = ShopifyJson.IdFromGid(payload.AdminGraphqlApiCustomerDeletedId);
        if (!string.Equals(payload.Status, "completed", StringComparison.OrdinalIgnoreCase) || keptId is null || deletedId is null)
        {
            log.LogInformation("Customer merge {Status} ({Kept} <- {Deleted}): nothing to apply", payload.Status, keptId, deletedId);
            return;
        }
        var merged = await customers.FindAsync(deletedId.Value, cancellationToken);
        await versions.TombstoneAsync(ShopifyResourceType.Customer, deletedId.Value, webhook.OccurredAt, cancellationToken);
        if (merged is null) return;
        var kept = await customers.FindAsync(keptId.Value, cancellationToken);
        var deletedValue = deletedId.Value.ToString(CultureInfo.InvariantCulture);
        if (kept is null)
        {
            // We never saw the kept customer: the merged row becomes it; its next customers/update fills in the rest.
            merged.ShopifyId = keptId;
            db.ChannelIdentities.RemoveRange(merged.Identities.Where(i => i.Kind == ChannelIdentityKind.ShopifyCustomer && i.Value == deletedValue));
            customers.EnsureShopifyIdentity(merged, keptId.Value, webhook.OccurredAt);
            await db.Orders.Where(o => o.CustomerShopifyId == deletedId)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.CustomerShopifyId, keptId), cancellationToken);
            return;
        }
        if (kept.Id == merged.Id) return;

        await db.Conversations.Where(c => c.CustomerId == merged.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, kept.Id), cancellationToken);
        await db.Orders.Where(o => o.CustomerId == merged.Id || o.CustomerShopifyId == deletedId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.CustomerId, kept.Id).SetProperty(o => o.CustomerShopifyId, keptId), cancellationToken);
        foreach (var identity in merged.Identities.ToList())
        {
            var duplicate = identity.Kind == ChannelIdentityKind.ShopifyCustomer
                || kept.Identities.Any(i => i.Kind == identity.Kind && i.Value == identity.Value);
            if (duplicate)
            {
                db.ChannelIdentities.Remove(identity);
                continue;
            }
            // Moved through the navigations, so removing the merged row does not cascade to it.
            merged.Identities.Remove(identity);
            identity.CustomerId = kept.Id;
            kept.Identities.Add(identity);
        }
        kept.EmailMarketingConsent |= merged.EmailMarketingConsent;
        kept.SmsMarketingConsent |= merged.SmsMarketingConsent;
        db.Customers.Remove(merged);
    }
}
