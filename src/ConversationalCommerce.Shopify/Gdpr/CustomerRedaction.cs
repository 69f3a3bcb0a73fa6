using System.Globalization;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Domain.Privacy;
using ConversationalCommerce.Domain.Sync;
using ConversationalCommerce.Engine.Context;
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
public sealed class CustomerRedaction(AppDbContext db, ResourceVersions versions, ICustomerProfileSource profiles, ILogger<CustomerRedaction> log)
    : IShopifyTopicHandler
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
        var redacted = Redacted.None;
        await db.InTransactionAsync(async ct =>
        {
            redacted = await RedactAsync(webhook, request.Customer, request.OrdersToRedact, ct);
        }, cancellationToken);
        // Ranking reuses a profile read in the last seconds: this process must not keep the erased orders and name.
        profiles.Forget(webhook.Shop.Id, redacted.CustomerIds);
        log.LogInformation("Customer redact: {Customers} profiles anonymised, {Orders} orders detached, {Conversations} conversations redacted, {Deliveries} stored deliveries blanked",
            redacted.CustomerIds.Count, redacted.Orders, redacted.Conversations, redacted.Deliveries);
    }

    /// <summary>What one redaction touched: the customers (profiles anonymised) and how many orders, threads and stored deliveries.</summary>
    private sealed record Redacted(IReadOnlyList<Guid> CustomerIds, int Orders, int Conversations, int Deliveries)
    {
        public static readonly Redacted None = new([], 0, 0, 0);
    }

    private async Task<Redacted> RedactAsync(
        ShopifyWebhook webhook, GdprCustomer person, List<long> ordersToRedact, CancellationToken cancellationToken)
    {
        var subject = await PrivacySubject.FindAsync(db, person, ordersToRedact, cancellationToken);
        var customerIds = subject.CustomerIds;
        var conversationIds = subject.ConversationIds;
        var needles = Needles(person, subject);

        await db.Messages.Where(m => conversationIds.Contains(m.ConversationId))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Text, RedactedText).SetProperty(m => m.PayloadJson, (string?)null)
                .SetProperty(m => m.DeliveryError, (string?)null), cancellationToken);
        // A new version: a turn that read the thread before the erasure conflicts and retries, never writing old state back.
        var version = Guid.NewGuid();
        await db.Conversations.Where(c => conversationIds.Contains(c.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.StateJson, "{}").SetProperty(c => c.Version, version), cancellationToken);
        await db.Outbox.Where(o => conversationIds.Contains(o.ConversationId) && o.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Cancelled), cancellationToken);
        await db.Outbox.Where(o => conversationIds.Contains(o.ConversationId))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Recipient, RedactedText).SetProperty(o => o.PayloadJson, "{}")
                .SetProperty(o => o.Error, (string?)null), cancellationToken);
        var shopifyId = person.Id;
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

        var blanked = await BlankStoredDeliveriesAsync(webhook, needles, cancellationToken);
        return new Redacted(customerIds, subject.Orders.Count, conversationIds.Count, blanked);
    }

    /// <summary>What names the person in stored payloads: emails, phones (as typed, E.164, bare digits as WhatsApp writes them), the Shopify id.</summary>
    private static List<string> Needles(GdprCustomer person, PrivacySubject subject)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        void AddPhone(string? phone)
        {
            if (string.IsNullOrWhiteSpace(phone)) return;
            values.Add(phone.Trim());
            var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length >= 7) values.Add(digits);
        }
        if (!string.IsNullOrWhiteSpace(person.Email)) values.Add(person.Email.Trim());
        AddPhone(person.Phone);
        if (person.Id > 0) values.Add(person.Id.ToString(CultureInfo.InvariantCulture));
        foreach (var customer in subject.Customers)
        {
            if (!string.IsNullOrWhiteSpace(customer.Email)) values.Add(customer.Email);
            AddPhone(customer.Phone);
            foreach (var identity in customer.Identities)
                if (identity.Kind == Domain.Customers.ChannelIdentityKind.Phone) AddPhone(identity.Value);
                else values.Add(identity.Value);
        }
        // Short values (a visitor id fragment) would match unrelated rows.
        return values.Where(v => v.Length >= 7).ToList();
    }

    /// <summary>Finished inbox rows of this shop (webhooks, WhatsApp and email messages) that name the person, this request included.</summary>
    private async Task<int> BlankStoredDeliveriesAsync(ShopifyWebhook webhook, IReadOnlyList<string> needles, CancellationToken cancellationToken)
    {
        var shopId = webhook.Shop.Id;
        var domain = webhook.Shop.Domain;
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
