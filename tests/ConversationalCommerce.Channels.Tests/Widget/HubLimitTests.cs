using ConversationalCommerce.Engine.Conversation;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Channels.Tests.Widget;

/// <summary>Three messages per hour per connection: the bucket cannot refill during the test.</summary>
public sealed class StrictRateApp() : WidgetApp(seedDemo: false, ("Widget:RateLimitMessages", "3"), ("Widget:RateLimitWindow", "01:00:00"));

/// <summary>
/// The hub waits 200 ms for a turn whose engine needs 2 s. SQLite turns are synchronous underneath and can finish
/// within any tiny time-out on a quiet machine, so the slowness is made certain rather than hoped for.
/// </summary>
public sealed class ImpatientApp() : WidgetApp(seedDemo: false,
    services => services.AddSingleton<ITurnEngine>(sp => new SlowTurnEngine(sp.GetRequiredService<OfflineTurnEngine>())),
    ("Widget:TurnTimeout", "00:00:00.200"));

public sealed class SlowTurnEngine(ITurnEngine inner) : ITurnEngine
{
    public async Task<TurnOutcome> RespondAsync(TurnContext context, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        return await inner.RespondAsync(context, cancellationToken);
    }
}

public sealed class HubRateLimitTests(StrictRateApp app) : IClassFixture<StrictRateApp>
{
    [Fact]
    public async Task Sending_faster_than_the_bucket_allows_is_refused_with_rate_limited()
    {
        var (_, key) = await app.CreateShopAsync();
        var session = await app.SessionAsync(key);
        await using var tab = await app.ConnectAsync(session.VisitorToken);

        var acks = new List<Ack>();
        for (var i = 0; i < 5; i++) acks.Add(await tab.SendAsync($"message {i}"));

        Assert.All(acks.Take(3), a => Assert.True(a.Accepted, a.Error?.Message));
        Assert.All(acks.Skip(3), a => Assert.Equal("rate_limited", a.Error?.Code));
        Assert.Equal(6, (await tab.HistoryAsync()).Count);
    }

    [Fact]
    public async Task The_bucket_belongs_to_the_connection_not_the_visitor()
    {
        var (_, key) = await app.CreateShopAsync();
        var session = await app.SessionAsync(key);
        await using var tab1 = await app.ConnectAsync(session.VisitorToken);
        for (var i = 0; i < 3; i++) await tab1.SendAsync($"message {i}");
        Assert.Equal("rate_limited", (await tab1.SendAsync("one more")).Error?.Code);

        await using var tab2 = await app.ConnectAsync(session.VisitorToken);
        Assert.True((await tab2.SendAsync("from another tab")).Accepted);
    }
}

public sealed class HubTimeoutTests(ImpatientApp app) : IClassFixture<ImpatientApp>
{
    [Fact]
    public async Task Engine_time_out_answers_unavailable_instead_of_hanging_and_stops_typing()
    {
        var (_, key) = await app.CreateShopAsync();
        var session = await app.SessionAsync(key);
        await using var tab = await app.ConnectAsync(session.VisitorToken);

        var ack = await tab.SendAsync("anything in blue?");

        Assert.False(ack.Accepted);
        Assert.Equal("unavailable", ack.Error?.Code);
        Assert.Equal(new Typing(true), await tab.NextEventAsync());
        Assert.Equal(new Typing(false), await tab.NextEventAsync());
    }
}
