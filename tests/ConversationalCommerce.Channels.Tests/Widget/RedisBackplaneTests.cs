using ConversationalCommerce.Channels.Widget.Hub;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Channels.Tests.Widget;

/// <summary>Two app nodes on one SQLite file, joined by a real redis-server as the SignalR backplane.</summary>
public sealed class TwoNodes : IDisposable
{
    public RedisServer Redis { get; } = new();
    public WidgetNode A { get; }
    public WidgetNode B { get; }

    public TwoNodes()
    {
        A = new WidgetNode(Redis.ConnectionString, shared: null);
        B = new WidgetNode(Redis.ConnectionString, shared: A.Factory);
    }

    public void Dispose()
    {
        B.Dispose();
        A.Dispose();
        Redis.Dispose();
    }
}

public sealed class WidgetNode : WidgetApp
{
    public WidgetNode(string redis, AppFactory? shared)
        : base(seedDemo: false, Settings(redis, shared))
    {
    }

    private static (string, string)[] Settings(string redis, AppFactory? shared) => shared is null
        ? [("Redis:ConnectionString", redis)]
        : [("Redis:ConnectionString", redis), ("DataDirectory", shared.Data.Path), ("ConnectionStrings:Default", shared.Data.SqliteConnectionString)];
}

public sealed class RedisBackplaneTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task Widget_on_node_A_receives_a_message_pushed_on_node_B()
    {
        var (shopId, key) = await nodes.A.CreateShopAsync();
        var session = await nodes.A.SessionAsync(key);
        await using var onA = await nodes.A.ConnectAsync(session.VisitorToken);
        var merchant = new Message
        {
            ShopId = shopId, ConversationId = session.ConversationId, Seq = 1, Role = MessageRole.Merchant, Channel = Channel.Admin,
            Text = "Pushed from node B", CreatedAt = DateTimeOffset.UtcNow,
        };

        await nodes.B.Factory.Services.GetRequiredService<IWidgetPush>().MessageAsync(merchant, null, default);

        var received = await onA.NextMessageAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((merchant.Id, "Pushed from node B"), (received.Id, received.Text));
    }

    [Fact]
    public async Task Tabs_of_one_visitor_on_two_nodes_both_see_a_turn()
    {
        var (_, key) = await nodes.A.CreateShopAsync();
        var session = await nodes.B.SessionAsync(key);
        await using var onA = await nodes.A.ConnectAsync(session.VisitorToken);
        await using var onB = await nodes.B.ConnectAsync(session.VisitorToken);

        Assert.True((await onB.SendAsync("hello from the tab on node B")).Accepted);

        var shopper = await onA.NextMessageAsync(TimeSpan.FromSeconds(10));
        var reply = await onA.NextMessageAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("shopper", "hello from the tab on node B"), (shopper.Role, shopper.Text));
        Assert.Equal("assistant", reply.Role);
    }
}
