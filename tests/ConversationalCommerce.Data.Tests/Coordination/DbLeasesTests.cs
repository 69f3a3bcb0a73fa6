using ConversationalCommerce.Data.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ConversationalCommerce.Data.Tests.Coordination;

/// <summary>The cross-node lease on each provider: one holder at a time, renewal, take-over after it lapses, release.</summary>
public sealed class DbLeasesTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Lease_has_one_holder_until_it_lapses_or_is_released(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        await using var services = Services(db, time);
        var leases = services.GetRequiredService<DbLeases>();
        var duration = TimeSpan.FromSeconds(30);

        Assert.True(await leases.TryAcquireAsync("imap:shop-1", "node-a", duration, default));
        Assert.False(await leases.TryAcquireAsync("imap:shop-1", "node-b", duration, default));
        Assert.True(await leases.TryAcquireAsync("imap:shop-2", "node-b", duration, default));

        // The holder renews before it lapses; the other node still waits.
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await leases.TryAcquireAsync("imap:shop-1", "node-a", duration, default));
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.False(await leases.TryAcquireAsync("imap:shop-1", "node-b", duration, default));
        Assert.Equal("node-a", await leases.HolderAsync("imap:shop-1", default));

        // node-a dies (stops renewing): once the lease lapses node-b takes it, and node-a cannot renew any more.
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Null(await leases.HolderAsync("imap:shop-1", default));
        Assert.True(await leases.TryAcquireAsync("imap:shop-1", "node-b", duration, default));
        Assert.False(await leases.TryAcquireAsync("imap:shop-1", "node-a", duration, default));

        // Only the holder can release; then anyone may claim at once.
        await leases.ReleaseAsync("imap:shop-1", "node-a", default);
        Assert.Equal("node-b", await leases.HolderAsync("imap:shop-1", default));
        await leases.ReleaseAsync("imap:shop-1", "node-b", default);
        Assert.True(await leases.TryAcquireAsync("imap:shop-1", "node-a", duration, default));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Of_many_nodes_racing_for_a_new_lease_exactly_one_wins(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await using var services = Services(db, TimeProvider.System);
        var leases = services.GetRequiredService<DbLeases>();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => leases.TryAcquireAsync("shopify-token:race", $"node-{i}", TimeSpan.FromMinutes(1), default))));

        Assert.Single(results, won => won);
    }

    private static ServiceProvider Services(TestDb db, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddAppDatabase(db.Provider, db.ConnectionString);
        services.AddSingleton(time);
        return services.BuildServiceProvider();
    }
}
