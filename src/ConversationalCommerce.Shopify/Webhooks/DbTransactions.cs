using ConversationalCommerce.Data;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Shopify.Webhooks;

internal static class DbTransactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction under the provider's execution strategy (PostgreSQL's retrying
    /// strategy refuses user transactions otherwise). A retried attempt starts from a clean change tracker.
    /// </summary>
    public static Task InTransactionAsync(this AppDbContext db, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var attempt = 0;
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            if (attempt++ > 0) db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await work(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
    }
}
