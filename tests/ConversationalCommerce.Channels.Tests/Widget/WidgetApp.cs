using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Channels.Tests.Widget;

/// <summary>The real app listening on a loopback port, with helpers to open widget sessions and hub connections.</summary>
public class WidgetApp : IDisposable
{
    public AppFactory Factory { get; }
    public HttpClient Http { get; }

    public WidgetApp() : this(seedDemo: true) { }

    protected WidgetApp(bool seedDemo, params (string Key, string Value)[] settings) : this(seedDemo, null, settings) { }

    protected WidgetApp(bool seedDemo, Action<IServiceCollection>? services, params (string Key, string Value)[] settings)
    {
        Factory = new AppFactory(seedDemo);
        foreach (var (key, value) in settings) Factory.WithSetting(key, value);
        if (services is not null) Factory.WithServices(services);
        Factory.StartRealServer();
        Http = new HttpClient { BaseAddress = Factory.ServerAddress };
    }

    public Uri HubUrl => new(Factory.ServerAddress, "/hubs/chat");

    public async Task<(Guid Id, string WidgetKey)> DemoShopAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shop = await db.Shops.AsNoTracking().SingleAsync(s => s.Domain == Shop.DemoDomain);
        return (shop.Id, shop.WidgetKey);
    }

    public async Task<(Guid Id, string WidgetKey)> CreateShopAsync(string? whatsAppNumber = null)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shop = new Shop { Domain = $"shop-{Guid.NewGuid():N}.myshopify.com", Name = "Other Shop", InstalledAt = DateTimeOffset.UtcNow };
        shop.Settings.WhatsAppNumber = whatsAppNumber;
        db.Shops.Add(shop);
        await db.SaveChangesAsync();
        return (shop.Id, shop.WidgetKey);
    }

    public async Task<Session> SessionAsync(string widgetKey, string? visitorToken = null)
    {
        var response = await Http.PostAsJsonAsync("/api/widget/session", new { widgetKey, visitorId = (string?)null, visitorToken, locale = "en" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Session>())!;
    }

    public async Task<WidgetClient> ConnectAsync(string visitorToken)
    {
        var client = new WidgetClient(new HubConnectionBuilder()
            .WithUrl(HubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>(visitorToken))
            .Build());
        await client.Connection.StartAsync();
        // The handshake completes before the hub's OnConnectedAsync joins the conversation group; the first
        // invocation runs after it, so (as the widget does) ask for history before relying on pushed events.
        await client.HistoryAsync();
        return client;
    }

    public virtual void Dispose()
    {
        Http.Dispose();
        Factory.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed record ShopInfo(string Name, string Currency, string Locale, string Greeting, string AssistantName, string AccentColor, string? WhatsAppNumber);

public sealed record Session(Guid VisitorId, string VisitorToken, Guid ConversationId, ShopInfo Shop);

public sealed record WireError(string Code, string Message);

public sealed record Ack(string? ClientMessageId, bool Accepted, WireError? Error);

public sealed record WireMessage(Guid Id, long Seq, string Role, string Channel, string Text, string? ClientMessageId, DateTimeOffset CreatedAt, JsonElement? Reply);

public sealed record Typing(bool On);

public sealed record ContinuityLink(string? Code, string? Url, WireError? Error);

public sealed record EmailResult(bool Ok, WireError? Error);

/// <summary>A widget tab: one hub connection that records what the server sends, in order.</summary>
public sealed class WidgetClient : IAsyncDisposable
{
    private readonly Channel<object> _events = Channel.CreateUnbounded<object>();

    public WidgetClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<WireMessage>("message", m => _events.Writer.TryWrite(m));
        connection.On<Typing>("typing", t => _events.Writer.TryWrite(t));
    }

    public HubConnection Connection { get; }

    public Task<Ack> SendAsync(string text, string? clientMessageId = null) =>
        Connection.InvokeAsync<Ack>("Send", new { clientMessageId = clientMessageId ?? Guid.NewGuid().ToString(), text });

    public Task<List<WireMessage>> HistoryAsync(long afterSeq = 0) => Connection.InvokeAsync<List<WireMessage>>("History", new { afterSeq });

    /// <summary>The next event (message or typing), failing the test when none arrives in time.</summary>
    public async Task<object> NextEventAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        return await _events.Reader.ReadAsync(cts.Token);
    }

    public async Task<WireMessage> NextMessageAsync(TimeSpan? timeout = null)
    {
        while (true)
            if (await NextEventAsync(timeout) is WireMessage m) return m;
    }

    /// <summary>True when an event arrives within the window (used to prove that nothing arrives).</summary>
    public async Task<bool> AnyEventWithinAsync(TimeSpan window)
    {
        using var cts = new CancellationTokenSource(window);
        try
        {
            return await _events.Reader.WaitToReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>True when a message (not a typing flag) arrives within the window.</summary>
    public async Task<bool> AnyEventsBesidesTypingWithinAsync(TimeSpan window)
    {
        using var cts = new CancellationTokenSource(window);
        try
        {
            while (true)
                if (await _events.Reader.ReadAsync(cts.Token) is WireMessage) return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
