using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Channels.Identity;

/// <summary>Opt-in and opt-out of one address, with source and time kept on the identity as proof.</summary>
public sealed class ChannelConsent(AppDbContext db, TimeProvider time)
{
    /// <summary>The first message a customer sends us on a channel is their opt-in to answers there.</summary>
    public async Task RecordInboundOptInAsync(Guid identityId, string source, CancellationToken cancellationToken)
    {
        DateTimeOffset? now = time.GetUtcNow();
        await db.ChannelIdentities
            .Where(i => i.Id == identityId && i.OptedInAt == null && i.OptedOutAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.OptedInAt, now).SetProperty(i => i.OptInSource, source), cancellationToken);
    }

    /// <summary>True when this call opted the address out (false when it was out already): confirm only once.</summary>
    public async Task<bool> OptOutAsync(Guid identityId, string source, CancellationToken cancellationToken)
    {
        DateTimeOffset? now = time.GetUtcNow();
        var changed = await db.ChannelIdentities
            .Where(i => i.Id == identityId && i.OptedOutAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.OptedOutAt, now).SetProperty(i => i.OptOutSource, source), cancellationToken);
        return changed == 1;
    }

    /// <summary>"START" after a STOP: the customer asks to hear from us again. True when it changed anything.</summary>
    public async Task<bool> OptInAgainAsync(Guid identityId, string source, CancellationToken cancellationToken)
    {
        DateTimeOffset? now = time.GetUtcNow();
        DateTimeOffset? none = null;
        string? noSource = null;
        var changed = await db.ChannelIdentities
            .Where(i => i.Id == identityId && i.OptedOutAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.OptedOutAt, none).SetProperty(i => i.OptOutSource, noSource)
                .SetProperty(i => i.OptedInAt, now).SetProperty(i => i.OptInSource, source), cancellationToken);
        return changed == 1;
    }

    public Task<bool> IsOptedOutAsync(ChannelIdentityKind kind, string value, CancellationToken cancellationToken) =>
        db.ChannelIdentities.AsNoTracking().AnyAsync(i => i.Kind == kind && i.Value == value && i.OptedOutAt != null, cancellationToken);
}
