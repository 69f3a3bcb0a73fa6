using System.Collections.Concurrent;
using ConversationalCommerce.Data;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Shopify.Webhooks;

/// <summary>
/// Shop domain -> shop id for the ingest path, remembered for a few seconds so a burst of webhooks does not look
/// the shop up once per delivery. Only found shops are remembered; a stale id (a shop erased seconds ago) only
/// makes its rows end Ignored, which is what they should do anyway.
/// </summary>
public sealed class ShopDirectory(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (Guid Id, DateTimeOffset Until)> _known = new(StringComparer.Ordinal);

    public async Task<Guid?> FindAsync(AppDbContext db, string domain, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_known.TryGetValue(domain, out var entry) && entry.Until > now) return entry.Id;
        var id = await db.Shops.AsNoTracking().Where(s => s.Domain == domain).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is { } found) _known[domain] = (found, now + Lifetime);
        else _known.TryRemove(domain, out _);
        return id;
    }
}
