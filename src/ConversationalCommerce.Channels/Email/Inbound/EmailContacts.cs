using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Channels.Email.Inbound;

/// <summary>
/// Customers as email knows them: the ChannelIdentity of kind Email (lower-case address) is the link, the
/// customer's own Email field the fallback; opting out is recorded on that identity, like WhatsApp's STOP.
/// </summary>
public sealed class EmailContacts(AppDbContext db, TimeProvider time)
{
    public const string EvidenceInboundMail = "inbound-email";
    public const string OptOutByLink = "email-unsubscribe";
    public const string OptOutByReply = "email-unsubscribe-reply";

    /// <summary>The customer who owns this address, created (with its identity) when there is none.</summary>
    public async Task<Customer> FindOrCreateAsync(string address, string displayName, CancellationToken cancellationToken)
    {
        var value = Normalize(address);
        var identity = await db.ChannelIdentities.FirstOrDefaultAsync(i => i.Kind == ChannelIdentityKind.Email && i.Value == value, cancellationToken);
        if (identity is not null)
            return await db.Customers.FirstAsync(c => c.Id == identity.CustomerId, cancellationToken);

        var now = time.GetUtcNow();
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Email == value, cancellationToken);
        if (customer is null)
        {
            var (first, last) = SplitName(displayName);
            customer = new Customer { Email = value, FirstName = first, LastName = last, CreatedAt = now, UpdatedAt = now };
            db.Customers.Add(customer);
        }
        // Receiving mail from the address is the evidence: the mailbox's owner wrote to us.
        db.ChannelIdentities.Add(new ChannelIdentity
        {
            CustomerId = customer.Id,
            Kind = ChannelIdentityKind.Email,
            Value = value,
            Evidence = EvidenceInboundMail,
            VerifiedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        return customer;
    }

    public Task<bool> IsOptedOutAsync(string address, CancellationToken cancellationToken)
    {
        var value = Normalize(address);
        return db.ChannelIdentities.AnyAsync(i => i.Kind == ChannelIdentityKind.Email && i.Value == value && i.OptedOutAt != null, cancellationToken);
    }

    /// <summary>Records the opt-out on the address's identity (created for <paramref name="customerId"/> if missing). Idempotent.</summary>
    public async Task OptOutAsync(string address, Guid? customerId, string source, CancellationToken cancellationToken)
    {
        var value = Normalize(address);
        var now = time.GetUtcNow();
        var identity = await db.ChannelIdentities.FirstOrDefaultAsync(i => i.Kind == ChannelIdentityKind.Email && i.Value == value, cancellationToken);
        if (identity is null)
        {
            var ownerId = customerId ?? (await FindOrCreateAsync(value, "", cancellationToken)).Id;
            identity = await db.ChannelIdentities.FirstOrDefaultAsync(i => i.Kind == ChannelIdentityKind.Email && i.Value == value, cancellationToken);
            if (identity is null)
            {
                identity = new ChannelIdentity { CustomerId = ownerId, Kind = ChannelIdentityKind.Email, Value = value, Evidence = "unsubscribe", VerifiedAt = now };
                db.ChannelIdentities.Add(identity);
            }
        }
        if (identity.OptedOutAt is null)
        {
            identity.OptedOutAt = now;
            identity.OptOutSource = source;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public static string Normalize(string address) => address.Trim().ToLowerInvariant();

    private static (string? First, string? Last) SplitName(string name)
    {
        var parts = name.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch { 0 => (null, null), 1 => (parts[0], null), _ => (parts[0], parts[1]) };
    }
}
