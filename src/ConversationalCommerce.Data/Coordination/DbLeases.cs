using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Domain.Coordination;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Data.Coordination;

/// <summary>
/// Cross-node leases in the database (table Leases). Claiming is one conditional statement, so of several nodes
/// racing for a free or lapsed lease exactly one wins; the holder renews by claiming again before it lapses, and a
/// node that dies simply stops renewing. Each call uses its own scope (safe from singletons and background loops).
/// </summary>
public sealed class DbLeases(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>Claims (or renews, for its holder) the lease for <paramref name="duration"/>; false while another holder's lease runs.</summary>
    public async Task<bool> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + duration;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var claimed = await db.Leases
            .Where(l => l.Name == name && (l.Holder == holder || l.Until < now))
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.Holder, holder).SetProperty(l => l.Until, until), cancellationToken);
        if (claimed == 1) return true;
        if (await db.Leases.AnyAsync(l => l.Name == name, cancellationToken)) return false;

        // First claim ever: the primary key lets one insert win.
        db.Leases.Add(new Lease { Name = name, Holder = holder, Until = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            return false;
        }
    }

    /// <summary>Gives the lease up at once (only if still held by <paramref name="holder"/>), so another node need not wait for it to lapse.</summary>
    public async Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Leases.Where(l => l.Name == name && l.Holder == holder).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The current holder of an unexpired lease, or null.</summary>
    public async Task<string?> HolderAsync(string name, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Leases.AsNoTracking().Where(l => l.Name == name && l.Until >= now).Select(l => l.Holder).FirstOrDefaultAsync(cancellationToken);
    }
}
