using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Orders;
using ConversationalCommerce.Domain.Sync;
using ConversationalCommerce.Shopify.Webhooks.Payloads;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Shopify.Webhooks.Topics;

/// <summary>orders/create and orders/updated: what the assistant needs for order status and "bought together".</summary>
public sealed class OrderTopics(AppDbContext db, CustomerRecords customers, ResourceVersions versions, ILogger<OrderTopics> log)
    : IShopifyTopicHandler
{
    public IReadOnlyCollection<string> Topics { get; } = [ShopifyTopics.OrdersCreate, ShopifyTopics.OrdersUpdated];

    public async Task ApplyAsync(ShopifyWebhook webhook, CancellationToken cancellationToken)
    {
        var payload = webhook.Read<OrderPayload>();
        var updatedAt = payload.UpdatedAt ?? webhook.OccurredAt;
        if (await versions.IsDeletedAsync(ShopifyResourceType.Order, payload.Id, cancellationToken)) return;
        var order = await db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.ShopifyId == payload.Id, cancellationToken);
        if (order is not null && order.UpdatedAt > updatedAt)
        {
            log.LogInformation("Order {ShopifyId}: {Topic} of {UpdatedAt} is older than the stored one; ignored", payload.Id, webhook.Topic, updatedAt);
            return;
        }
        if (order is null)
        {
            order = new Order { ShopifyId = payload.Id, CreatedAt = payload.CreatedAt ?? updatedAt };
            db.Orders.Add(order);
        }

        var customer = payload.Customer is { Id: > 0 } embedded
            ? await customers.UpsertAsync(embedded, updatedAt, onlyIfMissing: true, cancellationToken)
            : null;
        order.Name = payload.Name ?? order.Name;
        order.CustomerShopifyId = payload.Customer?.Id is > 0 ? payload.Customer.Id : null;
        order.CustomerId = customer?.Id;
        order.Email = string.IsNullOrWhiteSpace(payload.Email) ? null : payload.Email.Trim();
        order.TotalPrice = payload.TotalPrice ?? 0m;
        order.Currency = payload.Currency ?? order.Currency;
        order.FinancialStatus = payload.FinancialStatus ?? "";
        order.FulfillmentStatus = payload.FulfillmentStatus;
        order.TrackingUrl = payload.Fulfillments
            .SelectMany(f => f.TrackingUrls.Prepend(f.TrackingUrl ?? ""))
            .LastOrDefault(u => !string.IsNullOrWhiteSpace(u)) ?? order.TrackingUrl;
        order.CancelledAt = payload.CancelledAt;
        order.UpdatedAt = updatedAt;

        foreach (var line in order.Lines.ToList())
        {
            order.Lines.Remove(line);
            db.OrderLines.Remove(line);
        }
        foreach (var item in payload.LineItems)
        {
            var line = new OrderLine
            {
                OrderId = order.Id,
                ProductShopifyId = item.ProductId,
                VariantShopifyId = item.VariantId,
                Title = item.Title ?? "",
                VariantTitle = item.VariantTitle,
                Quantity = item.Quantity,
                Price = item.Price ?? 0m,
            };
            order.Lines.Add(line);
            db.OrderLines.Add(line);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
