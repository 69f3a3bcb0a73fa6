using System.Globalization;
using System.Text;
using ConversationalCommerce.Channels.WhatsApp.Settings;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Server;

namespace ConversationalCommerce.Bench.WhatsApp;

/// <summary>The real app with the demo store on a loopback socket, WireMock as the Graph API, WhatsApp set up for the demo shop.</summary>
internal sealed class WhatsAppBenchHost : IAsyncDisposable
{
    public const string AppSecret = "bench-app-secret";
    public const string PhoneNumberId = "106540352242922";
    public const string ApiVersion = "v21.0";

    public WireMockServer Graph { get; }
    public AppFactory App { get; }

    private WhatsAppBenchHost(WireMockServer graph, AppFactory app)
    {
        Graph = graph;
        App = app;
    }

    public static async Task<WhatsAppBenchHost> StartAsync(bool realSocket, int? jobWorkers = null)
    {
        UseAppContentRoot();
        var graph = WireMockServer.Start();
        var app = new AppFactory(seedDemo: true) { RealSocket = realSocket }
            .WithSetting("WhatsApp:AppSecret", AppSecret)
            .WithSetting("WhatsApp:GraphApiBaseUrl", graph.Url)
            .WithSetting("WhatsApp:ApiVersion", ApiVersion)
            .WithSetting("Serilog:MinimumLevel:Default", "Warning")
            .WithSetting("Logging:LogLevel:Default", "Warning");
        if (jobWorkers is { } workers) app.WithSetting("Hangfire:WorkerCount", workers.ToString(CultureInfo.InvariantCulture));
        if (realSocket) app.StartRealServer();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shopId = (await db.Shops.AsNoTracking().SingleAsync(s => s.Domain == Shop.DemoDomain)).Id;
        await scope.ServiceProvider.GetRequiredService<WhatsAppSettingsStore>().SaveAsync(shopId, PhoneNumberId, "bench-token",
            new Dictionary<string, WhatsAppTemplate>(), CancellationToken.None);
        return new WhatsAppBenchHost(graph, app);
    }

    public static string TextNotification(string from, string wamid, string text) => $$$"""
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp",
        "metadata":{"display_phone_number":"15550783881","phone_number_id":"{{{PhoneNumberId}}}"},
        "contacts":[{"profile":{"name":"Bench Shopper"},"wa_id":"{{{from}}}"}],
        "messages":[{"from":"{{{from}}}","id":"{{{wamid}}}","timestamp":"{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}}}","type":"text","text":{"body":"{{{text}}}"}}]},
        "field":"messages"}]}]}
        """;

    public static HttpRequestMessage SignedPost(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Hub-Signature-256", Channels.WhatsApp.Webhook.WebhookSignature.Compute(bytes, AppSecret));
        return request;
    }

    /// <summary>WebApplicationFactory guesses the content root from the solution layout, which the bench output does not match.</summary>
    private static void UseAppContentRoot()
    {
        const string variable = "ASPNETCORE_TEST_CONTENTROOT_CONVERSATIONALCOMMERCE_APP";
        if (Environment.GetEnvironmentVariable(variable) is not null) return;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "ConversationalCommerce.App");
            if (!Directory.Exists(candidate)) continue;
            Environment.SetEnvironmentVariable(variable, candidate);
            return;
        }
    }

    /// <summary>A distinct valid US number per index: 1 650 3xx xxxx.</summary>
    public static string Phone(int i) => (16503000000L + i).ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Graph.Stop();
        Graph.Dispose();
    }
}
