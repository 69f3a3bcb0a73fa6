using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Messaging;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Channels.Delivery;

/// <summary>Checked before every send: an address whose owner opted out gets nothing but the one opt-out confirmation.</summary>
public sealed class DeliveryConsent(AppDbContext db)
{
    public async Task<bool> IsOptedOutAsync(OutboxMessage row, OutboxPayload payload, CancellationToken cancellationToken)
    {
        if (payload.Purpose == OutboxPurpose.OptOutConfirmation) return false;
        if (ReplyRouter.IdentityKindFor(row.Channel) is not { } kind) return false;
        return await db.ChannelIdentities.AsNoTracking()
            .AnyAsync(i => i.Kind == kind && i.Value == row.Recipient && i.OptedOutAt != null, cancellationToken);
    }
}
