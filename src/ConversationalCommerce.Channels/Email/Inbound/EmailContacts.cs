using ConversationalCommerce.Channels.Identity;
using ConversationalCommerce.Domain.Customers;

namespace ConversationalCommerce.Channels.Email.Inbound;

/// <summary>
/// Customers as email knows them, through identity linking: the Email identity (lower-case address) is the link,
/// consent (opt-in by writing to us, opt-out by unsubscribing) is recorded on it like WhatsApp's STOP.
/// </summary>
public sealed class EmailContacts(CustomerIdentities identities, ChannelConsent consent)
{
    /// <summary>A mail arrived from this address: the mailbox's owner wrote to us.</summary>
    public const string EvidenceInbound = "email-inbound";
    public const string OptOutByLink = "email-unsubscribe";
    public const string OptOutByReply = "email-unsubscribe-reply";

    /// <summary>The profile that owns the address, started when there is none; the mail is its opt-in to answers.</summary>
    public async Task<ChannelIdentity> ResolveSenderAsync(string address, CancellationToken cancellationToken)
    {
        var identity = await identities.ResolveAsync(new IdentityClaim(ChannelIdentityKind.Email, address, EvidenceInbound), cancellationToken);
        await consent.RecordInboundOptInAsync(identity.Id, EvidenceInbound, cancellationToken);
        return identity;
    }

    /// <summary>
    /// The sender answered a mail we sent to a customer's reply token: proof that this address belongs to that
    /// customer (an alias, a second mailbox). Links it, or merges the profiles, folding into <paramref name="conversationId"/>.
    /// </summary>
    public Task<LinkResult> LinkByReplyTokenAsync(Guid customerId, string address, Guid conversationId, CancellationToken cancellationToken) =>
        identities.LinkAsync(customerId, new IdentityClaim(ChannelIdentityKind.Email, address, IdentityEvidence.EmailToken), conversationId, cancellationToken);

    public Task<bool> IsOptedOutAsync(string address, CancellationToken cancellationToken) =>
        consent.IsOptedOutAsync(ChannelIdentityKind.Email, Normalize(address), cancellationToken);

    /// <summary>Records the opt-out on the address's identity. Idempotent; true when this call changed it.</summary>
    public async Task<bool> OptOutAsync(string address, string source, CancellationToken cancellationToken)
    {
        var identity = await identities.ResolveAsync(new IdentityClaim(ChannelIdentityKind.Email, address, EvidenceInbound), cancellationToken);
        return await consent.OptOutAsync(identity.Id, source, cancellationToken);
    }

    public static string Normalize(string address) => IdentityValues.Normalize(ChannelIdentityKind.Email, address) ?? address.Trim().ToLowerInvariant();
}
