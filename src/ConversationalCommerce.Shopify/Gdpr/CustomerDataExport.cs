using System.Text.Json;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Privacy;
using ConversationalCommerce.Shopify.Webhooks;
using ConversationalCommerce.Shopify.Webhooks.Payloads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Shopify.Gdpr;

/// <summary>
/// customers/data_request: writes one JSON document with everything we hold on the customer (profiles, identities
/// and consents, orders, every conversation with its messages on every channel) for the merchant to download.
/// </summary>
public sealed class CustomerDataExport(AppDbContext db, TimeProvider time, ILogger<CustomerDataExport> log) : IShopifyTopicHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public IReadOnlyCollection<string> Topics { get; } = [ShopifyTopics.CustomersDataRequest];

    public async Task ApplyAsync(ShopifyWebhook webhook, CancellationToken cancellationToken)
    {
        var request = ShopifyJson.Read<CustomerDataRequestPayload>(webhook.Message.Body);
        var requestId = request.DataRequest?.Id;
        if (requestId is not null && await db.Set<DataExport>().AnyAsync(e => e.ShopifyRequestId == requestId, cancellationToken))
            return;
        var person = request.Customer ?? new GdprCustomer();
        var subject = await PrivacySubject.FindAsync(db, person, request.OrdersRequested, cancellationToken);
        var document = await BuildAsync(webhook, request, subject, cancellationToken);
        var export = new DataExport
        {
            CustomerId = subject.Customers.FirstOrDefault()?.Id,
            ShopifyCustomerId = person.Id > 0 ? person.Id : null,
            ShopifyRequestId = requestId,
            RequestedAt = webhook.OccurredAt,
            Json = JsonSerializer.Serialize(document, Json),
        };
        db.Set<DataExport>().Add(export);
        await db.SaveChangesAsync(cancellationToken);
        log.LogInformation("Data request {RequestId}: export {ExportId} with {Customers} profiles, {Orders} orders, {Conversations} conversations",
            requestId, export.Id, subject.Customers.Count, subject.Orders.Count, subject.ConversationIds.Count);
    }

    private async Task<object> BuildAsync(ShopifyWebhook webhook, CustomerDataRequestPayload request, PrivacySubject subject, CancellationToken cancellationToken)
    {
        var ids = subject.ConversationIds;
        var conversations = await db.Conversations.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Include(c => c.Messages).OrderBy(c => c.StartedAt).ToListAsync(cancellationToken);
        return new
        {
            Shop = webhook.Shop.Domain,
            ExportedAt = time.GetUtcNow(),
            Request = new { Id = request.DataRequest?.Id, ShopifyCustomerId = request.Customer?.Id, request.OrdersRequested },
            Customers = subject.Customers.Select(c => new
            {
                c.Id,
                c.ShopifyId,
                c.FirstName,
                c.LastName,
                c.Email,
                c.Phone,
                c.Locale,
                c.Tags,
                c.CreatedAt,
                c.UpdatedAt,
                Consents = new { EmailMarketing = c.EmailMarketingConsent, SmsMarketing = c.SmsMarketingConsent },
                Identities = c.Identities.Select(i => new
                {
                    Kind = i.Kind.ToString(),
                    i.Value,
                    i.Evidence,
                    i.VerifiedAt,
                    i.OptedInAt,
                    i.OptInSource,
                    i.OptedOutAt,
                }),
            }),
            Orders = subject.Orders.OrderBy(o => o.CreatedAt).Select(o => new
            {
                o.ShopifyId,
                o.Name,
                o.Email,
                o.TotalPrice,
                o.Currency,
                o.FinancialStatus,
                o.FulfillmentStatus,
                o.TrackingUrl,
                o.CreatedAt,
                o.CancelledAt,
                Lines = o.Lines.Select(l => new { l.Title, l.VariantTitle, l.Quantity, l.Price, l.ProductShopifyId, l.VariantShopifyId }),
            }),
            Conversations = conversations.Select(c => new
            {
                c.Id,
                c.StartedAt,
                c.LastMessageAt,
                LastChannel = c.LastChannel.ToString(),
                Messages = c.Messages.OrderBy(m => m.Seq).Select(m => new
                {
                    m.Seq,
                    Role = m.Role.ToString(),
                    Channel = m.Channel.ToString(),
                    m.Text,
                    m.CreatedAt,
                }),
            }),
        };
    }
}
