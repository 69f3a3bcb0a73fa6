using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Channels.Identity;

/// <summary>
/// A customer profile per shop and the channel addresses linked to it. Addresses are linked only from verified
/// evidence (<see cref="IdentityEvidence"/>). When evidence shows that an address of another profile belongs to this
/// person, the two profiles are merged, with their threads folded into one, unless <see cref="MergeRules"/> refuse;
/// refusals are recorded for a person to decide.
/// </summary>
public sealed class CustomerIdentities(AppDbContext db, CustomerThreads threads, TimeProvider time, ILogger<CustomerIdentities> log)
{
    /// <summary>The profile that owns the address, or a new profile started with it.</summary>
    public async Task<ChannelIdentity> ResolveAsync(IdentityClaim claim, CancellationToken cancellationToken)
    {
        var value = Normalized(claim);
        var existing = await FindAsync(claim.Kind, value, cancellationToken);
        if (existing is not null) return existing;

        var now = time.GetUtcNow();
        var customer = new Customer { CreatedAt = now, UpdatedAt = now };
        var identity = NewIdentity(customer.Id, claim with { Value = value }, now);
        ApplyAddress(customer, identity);
        db.Customers.Add(customer);
        db.ChannelIdentities.Add(identity);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (Data.Inbox.UniqueViolation.Is(ex))
        {
            // Another message from the same address started the profile first: use theirs.
            db.ChangeTracker.Clear();
            return await FindAsync(claim.Kind, value, cancellationToken)
                ?? throw new InvalidOperationException("Identity vanished after a unique violation.", ex);
        }
        db.ChangeTracker.Clear();
        return identity;
    }

    /// <summary>
    /// Verified evidence that the person of <paramref name="customerId"/> owns the claimed address. Links it, or
    /// merges the profile holding it into one (its threads into <paramref name="targetConversationId"/> when given,
    /// else into the survivor's latest thread), or records a conflict.
    /// </summary>
    public async Task<LinkResult> LinkAsync(Guid customerId, IdentityClaim claim, Guid? targetConversationId, CancellationToken cancellationToken)
    {
        var value = Normalized(claim);
        claim = claim with { Value = value };
        var owner = await FindAsync(claim.Kind, value, cancellationToken);
        if (owner is not null && owner.CustomerId == customerId)
        {
            if (targetConversationId is { } target) await FoldAsync(target, customerId, [customerId], cancellationToken);
            return new LinkResult(LinkStatus.AlreadyLinked, customerId);
        }

        var customer = await LoadAsync(customerId, cancellationToken)
            ?? throw new InvalidOperationException($"Customer {customerId} does not exist in this shop.");
        if (owner is null)
        {
            if (MergeRules.ConflictWithAddress(customer, claim) is { } refusal)
                return await RecordConflictAsync(customer.Id, null, claim, refusal, cancellationToken);
            var now = time.GetUtcNow();
            var identity = NewIdentity(customer.Id, claim, now);
            db.ChannelIdentities.Add(identity);
            ApplyAddress(customer, identity);
            customer.UpdatedAt = now;
            Record(customer.Id, null, IdentityLinkOutcome.Linked, claim, "");
            if (targetConversationId is { } target) await threads.FoldIntoAsync(target, customer.Id, [customer.Id], cancellationToken);
            await SaveAsync(cancellationToken);
            await threads.RemoveEmptiedAsync(cancellationToken);
            db.ChangeTracker.Clear();
            log.LogInformation("Linked a {Kind} address to customer {CustomerId} from {Evidence}", claim.Kind, customer.Id, claim.Evidence);
            return new LinkResult(LinkStatus.Linked, customer.Id);
        }

        var other = await LoadAsync(owner.CustomerId, cancellationToken)
            ?? throw new InvalidOperationException($"Customer {owner.CustomerId} does not exist in this shop.");
        return await MergeAsync(customer, other, claim, targetConversationId, cancellationToken);
    }

    /// <summary>
    /// The shop's customer record (Admin API): links the Shopify id, and its email and phone as verified addresses.
    /// Email and phone that point to two different existing profiles are not merged automatically (recorded).
    /// </summary>
    public async Task<LinkResult> LinkShopifyCustomerAsync(long shopifyCustomerId, string? email, string? phone, string? defaultRegion,
        CancellationToken cancellationToken)
    {
        var shopifyClaim = new IdentityClaim(ChannelIdentityKind.ShopifyCustomer,
            shopifyCustomerId.ToString(System.Globalization.CultureInfo.InvariantCulture), IdentityEvidence.ShopifyCustomer);
        var record = (await ResolveAsync(shopifyClaim, cancellationToken)).CustomerId;
        var customer = await LoadAsync(record, cancellationToken) ?? throw new InvalidOperationException("Profile vanished.");
        if (customer.ShopifyId is null)
        {
            customer.ShopifyId = shopifyCustomerId;
            await SaveAsync(cancellationToken);
        }

        var emailValue = IdentityValues.Normalize(ChannelIdentityKind.Email, email);
        var phoneValue = IdentityValues.Normalize(ChannelIdentityKind.Phone, phone, defaultRegion);
        var emailOwner = emailValue is null ? null : await FindAsync(ChannelIdentityKind.Email, emailValue, cancellationToken);
        var phoneOwner = phoneValue is null ? null : await FindAsync(ChannelIdentityKind.Phone, phoneValue, cancellationToken);
        if (emailOwner is not null && phoneOwner is not null && emailOwner.CustomerId != phoneOwner.CustomerId
            && emailOwner.CustomerId != record && phoneOwner.CustomerId != record)
        {
            return await RecordConflictAsync(record, phoneOwner.CustomerId,
                new IdentityClaim(ChannelIdentityKind.Phone, phoneValue!, IdentityEvidence.ShopifyCustomer),
                "The record's email and phone belong to two different profiles; not merged automatically.", cancellationToken);
        }

        var result = new LinkResult(LinkStatus.AlreadyLinked, record);
        foreach (var claim in new[]
                 {
                     emailValue is null ? null : new IdentityClaim(ChannelIdentityKind.Email, emailValue, IdentityEvidence.ShopifyCustomer),
                     phoneValue is null ? null : new IdentityClaim(ChannelIdentityKind.Phone, phoneValue, IdentityEvidence.ShopifyCustomer),
                 })
        {
            if (claim is null) continue;
            var step = await LinkAsync(result.CustomerId, claim, null, cancellationToken);
            if (step.Status == LinkStatus.Conflict) return step;
            if (step.Status != LinkStatus.AlreadyLinked) result = step;
        }
        return result;
    }

    private async Task<LinkResult> MergeAsync(Customer customer, Customer other, IdentityClaim claim, Guid? targetConversationId,
        CancellationToken cancellationToken)
    {
        if (MergeRules.Conflict(customer, other) is { } refusal)
            return await RecordConflictAsync(customer.Id, other.Id, claim, refusal, cancellationToken);

        // The Shopify customer's profile survives (it is the one Shopify and orders know); else the one the evidence was for.
        var (survivor, merged) = other.ShopifyId is not null && customer.ShopifyId is null ? (other, customer) : (customer, other);
        foreach (var identity in merged.Identities) identity.CustomerId = survivor.Id;
        survivor.ShopifyId ??= merged.ShopifyId;
        survivor.FirstName ??= merged.FirstName;
        survivor.LastName ??= merged.LastName;
        survivor.Email ??= merged.Email;
        survivor.Phone ??= merged.Phone;
        survivor.Locale ??= merged.Locale;
        survivor.EmailMarketingConsent |= merged.EmailMarketingConsent;
        survivor.SmsMarketingConsent |= merged.SmsMarketingConsent;
        survivor.UpdatedAt = time.GetUtcNow();
        await db.Orders.Where(o => o.CustomerId == merged.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.CustomerId, survivor.Id), cancellationToken);

        var target = targetConversationId
            ?? (await threads.CurrentAsync(survivor.Id, cancellationToken))?.Id
            ?? (await threads.CurrentAsync(merged.Id, cancellationToken))?.Id;
        if (target is { } t) await threads.FoldIntoAsync(t, survivor.Id, [survivor.Id, merged.Id], cancellationToken);
        Record(survivor.Id, merged.Id, IdentityLinkOutcome.Merged, claim, "");
        await SaveAsync(cancellationToken);
        await threads.RemoveEmptiedAsync(cancellationToken);
        // Moves are saved and its threads are gone: the merged profile goes last (its identities already moved).
        await db.Customers.Where(c => c.Id == merged.Id).ExecuteDeleteAsync(cancellationToken);
        db.ChangeTracker.Clear();
        log.LogInformation("Merged customer {Merged} into {Survivor} on {Evidence} evidence", merged.Id, survivor.Id, claim.Evidence);
        return new LinkResult(LinkStatus.Merged, survivor.Id, merged.Id);
    }

    private async Task FoldAsync(Guid target, Guid survivor, IReadOnlyCollection<Guid> customers, CancellationToken cancellationToken)
    {
        await threads.FoldIntoAsync(target, survivor, customers, cancellationToken);
        await SaveAsync(cancellationToken);
        await threads.RemoveEmptiedAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private async Task<LinkResult> RecordConflictAsync(Guid customerId, Guid? otherId, IdentityClaim claim, string reason, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        Record(customerId, otherId, IdentityLinkOutcome.Conflict, claim, reason);
        await SaveAsync(cancellationToken);
        log.LogWarning("Identity link refused for customer {CustomerId} ({Kind} from {Evidence}): {Reason}", customerId, claim.Kind, claim.Evidence, reason);
        return new LinkResult(LinkStatus.Conflict, customerId, otherId, reason);
    }

    private void Record(Guid customerId, Guid? otherId, IdentityLinkOutcome outcome, IdentityClaim claim, string detail) =>
        db.IdentityLinkRecords.Add(new IdentityLinkRecord
        {
            CustomerId = customerId, OtherCustomerId = otherId, Outcome = outcome, Kind = claim.Kind, Value = claim.Value,
            Evidence = claim.Evidence, Detail = detail, RecordedAt = time.GetUtcNow(),
        });

    private async Task SaveAsync(CancellationToken cancellationToken) => await db.SaveChangesAsync(cancellationToken);

    private Task<ChannelIdentity?> FindAsync(ChannelIdentityKind kind, string value, CancellationToken cancellationToken) =>
        db.ChannelIdentities.AsNoTracking().FirstOrDefaultAsync(i => i.Kind == kind && i.Value == value, cancellationToken);

    private Task<Customer?> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        db.Customers.Include(c => c.Identities).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    private static string Normalized(IdentityClaim claim) =>
        IdentityValues.Normalize(claim.Kind, claim.Value)
        ?? throw new ArgumentException($"Not a valid {claim.Kind} address.", nameof(claim));

    private static ChannelIdentity NewIdentity(Guid customerId, IdentityClaim claim, DateTimeOffset now) => new()
    {
        CustomerId = customerId, Kind = claim.Kind, Value = claim.Value, Evidence = claim.Evidence, VerifiedAt = now,
    };

    private static void ApplyAddress(Customer customer, ChannelIdentity identity)
    {
        switch (identity.Kind)
        {
            case ChannelIdentityKind.Email: customer.Email ??= identity.Value; break;
            case ChannelIdentityKind.Phone: customer.Phone ??= identity.Value; break;
            case ChannelIdentityKind.ShopifyCustomer: customer.ShopifyId ??= long.Parse(identity.Value, System.Globalization.CultureInfo.InvariantCulture); break;
        }
    }
}
