using System.Globalization;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Domain.Privacy;
using ConversationalCommerce.Domain.Sync;
using ConversationalCommerce.Shopify.Webhooks;
using ConversationalCommerce.Shopify.Webhooks.Payloads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Shopify.Gdpr;

/// <summary>
/// customers/redact: erases the person across every channel. Message texts are replaced, identities (widget,
/// WhatsApp, email, Shopify links) removed, profiles anonymised, orders kept for the shop's figures but detached
/// from anyone, unsent messages cancelled, exports deleted, and stored deliveries that name the person blanked.
/// </summary>
public sealed class CustomerRedaction(AppDbContext db, ResourceVersions versions, ILogger<CustomerRedaction> log) : IShopifyTopicHandler
{
    public const string RedactedText = "[redacted]";

    public IReadOnlyCollection<string> Topics { get; } = [ShopifyTopics.CustomersRedact];

    public async Task ApplyAsync(ShopifyWebhook webhook, CancellationToken cancellationToken)
    {
        var request = ShopifyJson.Read<CustomerRedactPayload>(webhook.Message.Body);
        if (request.Customer is null)
        {
            // A redelivery of a row we already blanked ourselves.
            log.LogInformation("Customer redact without a customer (already applied)");
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var subject = await PrivacySubject.FindAsync(db, request.Customer, request.OrdersToRedact, cancellationToken);
        var customerIds = subject.CustomerIds;
        var conversationIds = subject.ConversationIds;

        await db.Messages.Where(m => conversationIds.Contains(m.ConversationId))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Text, RedactedText).SetProperty(m => m.PayloadJson, (string?)null)
                .SetProperty(m => m.DeliveryError, (string?)null), cancellationToken);
        await db.Conversations.Where(c => conversationIds.Contains(c.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.StateJson, "{}"), cancellationToken);
        await db.Outbox.Where(o => conversationIds.Contains(o.ConversationId) && o.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Cancelled), cancellationToken);
        await db.Outbox.Where(o => conversationIds.Contains(o.ConversationId))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Recipient, RedactedText).SetProperty(o => o.PayloadJson, "{}")
                .SetProperty(o => o.Error, (string?)null), cancellationToken);
        var shopifyId = request.Customer.Id;
        await db.Set<DataExport>().Where(e => (e.CustomerId != null && customerIds.Contains(e.CustomerId.Value)) || e.ShopifyCustomerId == shopifyId)
            .ExecuteDeleteAsync(cancellationToken);

        foreach (var customer in subject.Customers)
        {
            db.ChannelIdentities.RemoveRange(customer.Identities);
            customer.Identities.Clear();
            customer.ShopifyId = null;
            customer.FirstName = null;
            customer.LastName = null;
            customer.Email = null;
            customer.Phone = null;
            customer.Locale = null;
            customer.Tags = "";
            customer.EmailMarketingConsent = false;
            customer.SmsMarketingConsent = false;
        }
        foreach (var order in subject.Orders)
        {
            order.CustomerId = null;
            order.CustomerShopifyId = null;
            order.Email = null;
        }
        // A late customers/update must not bring the personal data back.
        if (shopifyId > 0) await versions.TombstoneAsync(ShopifyResourceType.Customer, shopifyId, webhook.OccurredAt, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        var blanked = await BlankStoredDeliveriesAsync(webhook, request.Customer, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        log.LogInformation("Customer redact: {Customers} profiles anonymised, {Orders} orders detached, {Conversations} conversations redacted, {Deliveries} stored deliveries blanked",
            subject.Customers.Count, subject.Orders.Count, conversationIds.Count, blanked);
    }

    /// <summary>Finished inbox rows of this shop (webhooks, WhatsApp and email messages) that name the person, this request included.</summary>
    private async Task<int> BlankStoredDeliveriesAsync(ShopifyWebhook webhook, GdprCustomer person, CancellationToken cancellationToken)
    {
        var shopId = webhook.Shop.Id;
        var domain = webhook.Shop.Domain;
        var needles = new[]
        {
            person.Email?.Trim(),
            person.Phone?.Trim(),
            person.Id > 0 ? person.Id.ToString(CultureInfo.InvariantCulture) : null,
        }.Where(n => !string.IsNullOrEmpty(n) && n.Length >= 5).Select(n => n!).ToList();
        var total = 0;
        var currentId = webhook.Message.Id;
        foreach (var needle in needles)
            total += await db.Inbox.Where(m => (m.ShopId == shopId || m.ShopDomain == domain)
                    && (m.Status != InboxStatus.Pending && m.Status != InboxStatus.Processing || m.Id == currentId)
                    && m.Body.Contains(needle))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Body, "{}"), cancellationToken);
        return total;
    }
}
