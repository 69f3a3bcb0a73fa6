using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Engine.Conversation;

namespace ConversationalCommerce.Data.Tests.Conversations;

/// <summary>
/// The reads at the start of a turn (on SQLite prepared statements of the store's own, on PostgreSQL EF compiled
/// queries): the same thread, history and stored turn as a plain EF read, and nothing of another shop.
/// </summary>
public sealed class TurnStartTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_turn_start_reads_the_thread_its_history_and_a_repeated_message_as_stored_and_only_for_its_shop(DatabaseProvider provider)
    {
        await using var host = await TurnStoreHost.CreateAsync(provider);
        var id = Guid.NewGuid();
        for (var turn = 1; turn <= 3; turn++)
            Assert.Equal(TurnWriteResult.Saved, await host.Store.AppendTurnAsync(await host.NextTurnAsync(id, $"turn {turn}", $"ext-{turn}"), CancellationToken.None));
        var (stored, messages) = await host.StoredAsync(id);

        var start = await host.Store.BeginTurnAsync(host.ShopId, id, Channel.Widget, "ext-new", 4, CancellationToken.None);
        Assert.Null(start.Duplicate);
        Assert.False(start.BelongsToAnotherShop);
        Assert.Equivalent(stored, start.Snapshot!.Conversation, strict: true);
        // The latest four, oldest first, without the payload (a turn needs the words only).
        Assert.Equivalent(messages.Skip(2).Select(m => { m.PayloadJson = null; return m; }).ToList(), start.Snapshot.History.ToList(), strict: true);

        var repeated = await host.Store.BeginTurnAsync(host.ShopId, id, Channel.Widget, "ext-2", 4, CancellationToken.None);
        (_, messages) = await host.StoredAsync(id);
        Assert.Null(repeated.Snapshot);
        Assert.Equivalent(messages.Single(m => m.Seq == 3), repeated.Duplicate!.Shopper, strict: true);
        Assert.Equivalent(messages.Single(m => m.Seq == 4), repeated.Duplicate.Assistant, strict: true);

        // Another shop sees neither the thread nor the message id; it is only told the id is taken.
        var otherShop = Guid.NewGuid();
        await using (var ctx = host.Db.Context())
        {
            ctx.Shops.Add(new ConversationalCommerce.Domain.Shops.Shop { Id = otherShop, Domain = $"other-{otherShop:N}.myshopify.com", Name = "Other" });
            await ctx.SaveChangesAsync();
        }
        var foreign = await host.Store.BeginTurnAsync(otherShop, id, Channel.Widget, "ext-2", 4, CancellationToken.None);
        Assert.Null(foreign.Duplicate);
        Assert.Null(foreign.Snapshot);
        Assert.True(foreign.BelongsToAnotherShop);
        var fresh = await host.Store.BeginTurnAsync(otherShop, Guid.NewGuid(), Channel.Widget, null, 4, CancellationToken.None);
        Assert.Equal(new TurnStart(null, null, false), fresh);
    }
}
