using System.Globalization;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Customers;
using ConversationalCommerce.Domain.Sync;
using ConversationalCommerce.Shopify.Webhooks.Payloads;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Shopify.Webhooks.Topics;

/// <summary>Finds and writes our customer row for a Shopify customer; shared by customer and order topics.</summary>
public sealed class CustomerRecords(AppDbContext db, ResourceVersions versions)
{
    public const string ShopifyEvidence = "shopify";

    public async Task<Customer?> FindAsync(long shopifyId, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.Include(c => c.Identities).FirstOrDefaultAsync(c => c.ShopifyId == shopifyId, cancellationToken);
        if (customer is not null) return customer;
        var value = shopifyId.ToString(CultureInfo.InvariantCulture);
        var owner = await db.ChannelIdentities.Where(i => i.Kind == ChannelIdentityKind.ShopifyCustomer && i.Value == value)
            .Select(i => (Guid?)i.CustomerId).FirstOrDefaultAsync(cancellationToken);
        return owner is null ? null : await db.Customers.Include(c => c.Identities).FirstAsync(c => c.Id == owner, cancellationToken);
    }

    /// <summary>
    /// Applies a Shopify customer unless it was deleted or we hold a newer version. With <paramref name="onlyIfMissing"/>
    /// (the copy embedded in an order) an existing row is left alone. Returns the row, or null for a deleted customer.
    /// </summary>
    public async Task<Customer?> UpsertAsync(CustomerPayload payload, DateTimeOffset fallbackUpdatedAt, bool onlyIfMissing, CancellationToken cancellationToken)
    {
        if (await versions.IsDeletedAsync(ShopifyResourceType.Customer, payload.Id, cancellationToken)) return null;
        var updatedAt = payload.UpdatedAt ?? fallbackUpdatedAt;
        var customer = await FindAsync(payload.Id, cancellationToken);
        if (customer is not null && (onlyIfMissing || customer.UpdatedAt > updatedAt)) return customer;
        if (customer is null)
        {
            customer = new Customer { ShopifyId = payload.Id, CreatedAt = payload.CreatedAt ?? updatedAt };
            db.Customers.Add(customer);
        }
        customer.ShopifyId = payload.Id;
        customer.FirstName = payload.FirstName;
        customer.LastName = payload.LastName;
        customer.Email = string.IsNullOrWhiteSpace(payload.Email) ? null : payload.Email.Trim();
        customer.Phone = string.IsNullOrWhiteSpace(payload.Phone) ? null : payload.Phone.Trim();
        customer.Tags = payload.Tags ?? "";
        customer.Locale = payload.Locale ?? customer.Locale;
        if (payload.EmailMarketingConsent is { } email) customer.EmailMarketingConsent = email.Subscribed;
        if (payload.SmsMarketingConsent is { } sms) customer.SmsMarketingConsent = sms.Subscribed;
        customer.UpdatedAt = updatedAt;
        EnsureShopifyIdentity(customer, payload.Id, updatedAt);
        return customer;
    }

    public void EnsureShopifyIdentity(Customer customer, long shopifyId, DateTimeOffset verifiedAt)
    {
        var value = shopifyId.ToString(CultureInfo.InvariantCulture);
        if (customer.Identities.Any(i => i.Kind == ChannelIdentityKind.ShopifyCustomer && i.Value == value)) return;
        var identity = new ChannelIdentity
        {
            CustomerId = customer.Id,
            Kind = ChannelIdentityKind.ShopifyCustomer,
            Value = value,
            Evidence = ShopifyEvidence,
            VerifiedAt = verifiedAt,
        };
        customer.Identities.Add(identity);
        db.ChannelIdentities.Add(identity);
    }
}
