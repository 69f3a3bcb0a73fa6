using System.Globalization;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Customers;
using ConversationalCommerce.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Shopify.Gdpr;

/// <summary>
/// Everything we hold on one person in one shop: every customer row that is them (the Shopify customer, and
/// profiles built on our channels from the same email or phone), their orders and their conversations.
/// </summary>
public sealed record PrivacySubject(IReadOnlyList<Customer> Customers, IReadOnlyList<Order> Orders, IReadOnlyList<Guid> ConversationIds)
{
    public IReadOnlyList<Guid> CustomerIds => Customers.Select(c => c.Id).ToList();

    /// <summary>Loads the subject tracked, so redaction can change it in place.</summary>
    public static async Task<PrivacySubject> FindAsync(AppDbContext db, GdprCustomer person, IReadOnlyCollection<long> orderIds, CancellationToken cancellationToken)
    {
        var shopifyId = person.Id > 0 ? person.Id : (long?)null;
        var shopifyValue = shopifyId?.ToString(CultureInfo.InvariantCulture);
        var email = string.IsNullOrWhiteSpace(person.Email) ? null : person.Email.Trim().ToLowerInvariant();
        var phoneDigits = Digits(person.Phone);
        var phoneTail = phoneDigits.Length >= 7 ? phoneDigits[^7..] : null;

        var ids = new HashSet<Guid>();
        ids.UnionWith(await db.Customers.Where(c => (shopifyId != null && c.ShopifyId == shopifyId)
                || (email != null && c.Email != null && c.Email.ToLower() == email))
            .Select(c => c.Id).ToListAsync(cancellationToken));
        ids.UnionWith(await db.ChannelIdentities.Where(i =>
                (shopifyValue != null && i.Kind == ChannelIdentityKind.ShopifyCustomer && i.Value == shopifyValue)
                || (email != null && i.Kind == ChannelIdentityKind.Email && i.Value == email))
            .Select(i => i.CustomerId).ToListAsync(cancellationToken));
        if (phoneTail is not null)
        {
            // Shopify sends phones as typed ("555-625-1199"); we keep E.164. Narrow by the last digits, then compare digits.
            var byCustomer = await db.Customers.Where(c => c.Phone != null && c.Phone.EndsWith(phoneTail))
                .Select(c => new { c.Id, Phone = c.Phone! }).ToListAsync(cancellationToken);
            var byIdentity = await db.ChannelIdentities.Where(i => i.Kind == ChannelIdentityKind.Phone && i.Value.EndsWith(phoneTail))
                .Select(i => new { Id = i.CustomerId, Phone = i.Value }).ToListAsync(cancellationToken);
            ids.UnionWith(byCustomer.Concat(byIdentity).Where(c => SamePhone(Digits(c.Phone), phoneDigits)).Select(c => c.Id));
        }

        var customers = await db.Customers.Include(c => c.Identities).Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var orders = await db.Orders.Include(o => o.Lines).Where(o =>
                (o.CustomerId != null && ids.Contains(o.CustomerId.Value))
                || (shopifyId != null && o.CustomerShopifyId == shopifyId)
                || orderIds.Contains(o.ShopifyId)
                || (email != null && o.Email != null && o.Email.ToLower() == email))
            .ToListAsync(cancellationToken);
        var conversations = await db.Conversations.Where(c => c.CustomerId != null && ids.Contains(c.CustomerId.Value))
            .Select(c => c.Id).ToListAsync(cancellationToken);
        return new PrivacySubject(customers, orders, conversations);
    }

    private static string Digits(string? phone) => phone is null ? "" : new string(phone.Where(char.IsAsciiDigit).ToArray());

    /// <summary>Same number with or without the country code: one is a suffix of the other, and long enough to mean it.</summary>
    private static bool SamePhone(string a, string b) =>
        a.Length >= 7 && b.Length >= 7 && (a.EndsWith(b, StringComparison.Ordinal) || b.EndsWith(a, StringComparison.Ordinal));
}
