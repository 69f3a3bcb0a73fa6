using System.Net.Mail;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Channels.Widget;

/// <summary>
/// "Email me these": the shopper typed an address and ticked consent. The address becomes an email identity of the
/// shopper's customer with the opt-in recorded, and the conversation prefers email from now on; sending is the email
/// channel's job. An address that already belongs to another customer is not taken over (typing an address proves
/// nothing), it is only kept on this customer's profile.
/// </summary>
public sealed class EmailOptIns(AppDbContext db, TimeProvider time, ILogger<EmailOptIns> log)
{
    public const string Source = "widget_email_me_these";

    public static string? Normalise(string? email)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 254) return null;
        if (!MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed || !trimmed.Contains('@')) return null;
        return trimmed.ToLowerInvariant();
    }

    public async Task RecordAsync(Guid customerId, Guid conversationId, string normalisedEmail, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var customer = await db.Customers.FirstAsync(c => c.Id == customerId, cancellationToken);
        var identity = await db.ChannelIdentities
            .FirstOrDefaultAsync(i => i.Kind == ChannelIdentityKind.Email && i.Value == normalisedEmail, cancellationToken);
        if (identity is null)
        {
            db.ChannelIdentities.Add(new ChannelIdentity
            {
                CustomerId = customerId, Kind = ChannelIdentityKind.Email, Value = normalisedEmail,
                Evidence = "self_declared", VerifiedAt = now, OptedInAt = now, OptInSource = Source,
            });
        }
        else if (identity.CustomerId == customerId)
        {
            identity.OptedInAt = now;
            identity.OptInSource = Source;
            identity.OptedOutAt = null; // a fresh, explicit consent overrides an older opt-out
        }
        else log.LogInformation("Email opt-in for an address owned by another customer; kept on customer {CustomerId} only", customerId);

        customer.Email ??= normalisedEmail;
        customer.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);

        // A set-based update leaves the thread's concurrency token alone: a turn running meanwhile is not disturbed.
        await db.Conversations.Where(c => c.Id == conversationId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PreferredChannel, Channel.Email), cancellationToken);
    }
}
