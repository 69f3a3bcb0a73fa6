using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Intents;
using ConversationalCommerce.Engine.CustomIntents;
using ConversationalCommerce.Engine.Intents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Data.CustomIntents;

/// <summary>Custom intents in the ShopIntents table, one scope per call acting for the shop.</summary>
public sealed class EfCustomIntentStore(IServiceScopeFactory scopes, TimeProvider time) : ICustomIntentStore
{
    public async Task<IReadOnlyList<CustomIntent>> ListAsync(Guid shopId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = await DbFor(scope, shopId).ShopIntents.AsNoTracking().OrderBy(i => i.Name).ToListAsync(cancellationToken);
        return rows.Select(r => new CustomIntent(r.Name, r.ExampleList, r.Reply)).ToList();
    }

    public async Task SaveAsync(Guid shopId, CustomIntent intent, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = DbFor(scope, shopId);
        var now = time.GetUtcNow();
        var row = await db.ShopIntents.FirstOrDefaultAsync(i => i.Name == intent.Name, cancellationToken);
        if (row is null)
        {
            row = new ShopIntent { ShopId = shopId, Name = intent.Name, CreatedAt = now };
            db.ShopIntents.Add(row);
        }
        row.Examples = string.Join('\n', intent.Examples);
        row.Reply = intent.Reply ?? "";
        row.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(Guid shopId, string name, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await DbFor(scope, shopId).ShopIntents.Where(i => i.Name == name).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<Guid>> ShopsWithIntentsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Across shops on purpose: only the ids, to know which models to train.
        return await db.ShopIntents.IgnoreQueryFilters().Select(i => i.ShopId).Distinct().ToListAsync(cancellationToken);
    }

    private static AppDbContext DbFor(AsyncServiceScope scope, Guid shopId)
    {
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        return scope.ServiceProvider.GetRequiredService<AppDbContext>();
    }
}
