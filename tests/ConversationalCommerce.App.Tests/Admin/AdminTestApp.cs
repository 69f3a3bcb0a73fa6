using System.Net.Http.Headers;
using System.Threading.Channels;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Conversation;
using ConversationalCommerce.Shopify.Tokens;
using ConversationalCommerce.Testing;
using ConversationalCommerce.Testing.Shopify;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.App.Tests.Admin;

/// <summary>
/// The real app with Shopify app credentials configured (session tokens verify against them). No Shopify is
/// reachable: shops get their tokens through the installer directly, and the first sync is off.
/// </summary>
public class AdminTestApp : AppFactory
{
    public const string ApiKey = "5a1c0e7b9d2f4a6c8e0b1d3f5a7c9e1b";
    public const string ApiSecret = "shpss_admin_0123456789abcdef0123456789ab";

    private readonly string? _environment;
    private readonly bool _realSocket;

    /// <param name="settings">More settings, applied before a real socket starts the app.</param>
    public AdminTestApp(bool seedDemo = true, string? environment = null, bool realSocket = false,
        IReadOnlyDictionary<string, string>? settings = null) : base(seedDemo)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) WithSetting(key, value);
        _environment = environment;
        WithSetting("Shopify:ApiKey", ApiKey);
        WithSetting("Shopify:ApiSecret", ApiSecret);
        WithSetting("Shopify:AppUrl", "https://app.example.test");
        // Nothing may leave the machine: a discard port stands in for every shop's origin.
        WithSetting("Shopify:ShopOriginOverride", "http://127.0.0.1:9");
        WithSetting("Shopify:Sync:StartAfterInstall", "false");
        if (realSocket)
        {
            StartRealServer();
            _realSocket = true;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (_environment is not null) builder.UseEnvironment(_environment);
    }

    /// <summary>A client acting for <paramref name="shop"/> with a fresh App Bridge-shaped session token.</summary>
    public HttpClient AdminClient(string shop, string? secret = null)
    {
        var client = RealSocketClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SessionToken(shop, secret));
        return client;
    }

    public HttpClient RealSocketClient() => _realSocket ? new HttpClient { BaseAddress = ServerAddress } : CreateClient();

    /// <summary>Shaped like App Bridge's: HS256 with the app secret, aud = client id, iss/dest = the shop.</summary>
    public static string SessionToken(string shop, string? secret = null, DateTimeOffset? now = null) =>
        SessionTokens.Create(shop, ApiKey, secret ?? ApiSecret, now ?? DateTimeOffset.UtcNow);

    /// <summary>Installs (or re-authorizes) a shop with an offline token, as the token exchange would.</summary>
    public async Task<Guid> InstallAsync(string domain)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShopInstaller>().InstallAsync(domain, new ShopifyTokenResponse
        {
            AccessToken = "shpat_" + Guid.NewGuid().ToString("N"),
            Scope = "read_products,read_customers,read_orders",
        }, CancellationToken.None);
    }

    public async Task<T> WithDbAsync<T>(Guid shopId, Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<Shop> ShopAsync(string domain)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Shops.AsNoTracking().SingleAsync(s => s.Domain == domain);
    }

    /// <summary>One shopper turn through the conversation service, as a channel would make it.</summary>
    public async Task<TurnResult> TurnAsync(Guid shopId, Guid conversationId, Domain.Conversations.Channel channel, string text)
    {
        await using var scope = Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<IConversationService>();
        return await service.HandleAsync(new ShopperMessage(shopId, conversationId, channel, text, Guid.NewGuid().ToString()), CancellationToken.None);
    }
}

/// <summary>A widget tab connected to the chat hub; records the messages the server pushes.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly Channel<PushedMessage> _messages = Channel.CreateUnbounded<PushedMessage>();

    private HubClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<PushedMessage>("message", m => _messages.Writer.TryWrite(m));
    }

    public HubConnection Connection { get; }

    public static async Task<HubClient> ConnectAsync(Uri server, string visitorToken)
    {
        var client = new HubClient(new HubConnectionBuilder()
            .WithUrl(new Uri(server, "/hubs/chat"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(visitorToken))
            .Build());
        await client.Connection.StartAsync();
        // As the widget does: the first invocation runs after the hub joined the conversation's group.
        await client.Connection.InvokeAsync<List<PushedMessage>>("History", new { afterSeq = 0 });
        return client;
    }

    public Task<SendAck> SendAsync(string text) =>
        Connection.InvokeAsync<SendAck>("Send", new { clientMessageId = Guid.NewGuid().ToString(), text });

    public async Task<PushedMessage> NextMessageAsync(Func<PushedMessage, bool> match)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var message = await _messages.Reader.ReadAsync(cts.Token);
            if (match(message)) return message;
        }
    }

    /// <summary>True when a pushed message is waiting that no call has read yet.</summary>
    public bool HasPending => _messages.Reader.Count > 0;

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

public sealed record PushedMessage(Guid Id, long Seq, string Role, string Channel, string Text, DateTimeOffset CreatedAt);

public sealed record SendAck(string? ClientMessageId, bool Accepted);
