using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Rows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace ConversationalCommerce.Shopify.Sync.Apply;

/// <summary>
/// Inserts new rows with one reused parameterized INSERT per table (<see cref="EntityRowCommand"/>), bypassing change
/// tracking: a first sync writes hundreds of thousands of rows and the tracker would cost more than the database.
/// </summary>
internal static class RowInserter
{
    public static async Task InsertAsync<T>(AppDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken) where T : class
    {
        if (rows.Count == 0) return;
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        using var insert = EntityRowCommand.Insert(db.Database.GetDbConnection(), entityType, db.GetService<ISqlGenerationHelper>());
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var row in rows) await insert.ExecuteAsync(row, transaction, cancellationToken);
    }
}
