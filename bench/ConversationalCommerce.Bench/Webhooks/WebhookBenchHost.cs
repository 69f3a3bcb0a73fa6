using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Bench.Webhooks;

/// <summary>The real app on a loopback socket (SQLite file, or PostgreSQL with --postgres) with one installed shop.</summary>
internal sealed class WebhookBenchHost : IAsyncDisposable
{
    public const string Secret = "shpss_bench_7c2e4a6b8d0f1e3c5a7b9d1f3e5c7a9b";
    public const string Domain = "bench-store.myshopify.com";

    private readonly AppFactory _factory;
    private readonly TestDatabase? _postgres;

    public HttpClient Http { get; }
    public IServiceProvider Services => _factory.Services;
    public Guid ShopId { get; private set; }
    public string Provider { get; }

    private WebhookBenchHost(AppFactory factory, TestDatabase? postgres)
    {
        _factory = factory;
        _postgres = postgres;
        Provider = postgres is null ? "SQLite" : "PostgreSQL";
        _factory.StartRealServer();
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = _factory.ServerAddress };
    }

    public static async Task<WebhookBenchHost> StartAsync(string[] args)
    {
        UseAppContentRoot();
        TestDatabase? postgres = args.Contains("--postgres") ? await PostgresServer.CreateDatabaseAsync() : null;
        var factory = new AppFactory(seedDemo: false)
            .WithSetting("Shopify:ApiSecret", Secret)
            .WithSetting("Shopify:ApiKey", "bench-client-id")
            .WithSetting("Serilog:MinimumLevel:Default", "Warning")
            .WithSetting("Search:WarmOnStartup", "false");
        if (postgres is not null) factory.UsePostgres(postgres.ConnectionString);
        // For comparison with the default shared-cache SQLite connection.
        if (args.Contains("--sqlite-private-cache"))
            factory.WithSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(factory.Data.Path, "bench.db")};Cache=Private;Pooling=True");
        var workers = Array.IndexOf(args, "--workers");
        if (workers >= 0 && workers + 1 < args.Length) factory.WithSetting("Hangfire:WorkerCount", args[workers + 1]);
        var host = new WebhookBenchHost(factory, postgres);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shop = new Shop { Domain = Domain, Name = "Bench", InstalledAt = DateTimeOffset.UtcNow.AddDays(-1), WidgetKey = "bench" };
        db.Shops.Add(shop);
        await db.SaveChangesAsync();
        host.ShopId = shop.Id;
        return host;
    }

    /// <summary>The bench has no test-host manifest; point WebApplicationFactory at the app's folder the documented way.</summary>
    private static void UseAppContentRoot()
    {
        const string variable = "ASPNETCORE_TEST_CONTENTROOT_CONVERSATIONALCOMMERCE_APP";
        if (Environment.GetEnvironmentVariable(variable) is not null) return;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var app = Path.Combine(dir.FullName, "src", "ConversationalCommerce.App");
            if (!Directory.Exists(app)) continue;
            Environment.SetEnvironmentVariable(variable, app);
            return;
        }
    }

    /// <summary>One signed delivery; the signature covers the body only, so a body can be signed once and re-sent with new event ids.</summary>
    public async Task<HttpResponseMessage> SendAsync(string topic, byte[] body, string signature, string eventId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/shopify") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Shopify-Topic", topic);
        request.Headers.Add("X-Shopify-Hmac-Sha256", signature);
        request.Headers.Add("X-Shopify-Shop-Domain", Domain);
        request.Headers.Add("X-Shopify-API-Version", "2025-10");
        request.Headers.Add("X-Shopify-Webhook-Id", Guid.NewGuid().ToString());
        request.Headers.Add("X-Shopify-Event-Id", eventId);
        request.Headers.Add("X-Shopify-Triggered-At", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        return await Http.SendAsync(request, cancellationToken);
    }

    public static string Sign(byte[] body) => Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));

    public async Task<int> UnfinishedInboxRowsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Inbox
            .CountAsync(m => m.Status == InboxStatus.Pending || m.Status == InboxStatus.Processing);
    }

    public static byte[] ProductUpdate(long productId, string title, decimal price, DateTimeOffset updatedAt)
    {
        var at = updatedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        var handle = title.ToLowerInvariant().Replace(' ', '-');
        var p = price.ToString("0.00", CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes($$"""
            {"admin_graphql_api_id":"gid://shopify/Product/{{productId}}","body_html":"<p>Hand-glazed stoneware, dishwasher safe.</p>","created_at":"{{at}}","handle":"{{handle}}","id":{{productId}},"product_type":"Mugs","published_at":"{{at}}","template_suffix":null,"title":"{{title}}","updated_at":"{{at}}","vendor":"Acme Ceramics","status":"active","published_scope":"global","tags":"gift, kitchen, mug",
             "variants":[{"admin_graphql_api_id":"gid://shopify/ProductVariant/{{productId + 1}}","barcode":null,"compare_at_price":null,"created_at":"{{at}}","id":{{productId + 1}},"inventory_policy":"deny","position":1,"price":"{{p}}","product_id":{{productId}},"sku":"MUG-{{productId}}","taxable":true,"title":"Default Title","updated_at":"{{at}}","option1":"Default Title","option2":null,"option3":null,"image_id":null,"inventory_item_id":{{productId + 2}},"inventory_quantity":12,"old_inventory_quantity":12}],
             "options":[{"name":"Title","id":{{productId + 3}},"product_id":{{productId}},"position":1,"values":["Default Title"]}],
             "images":[{"id":{{productId + 4}},"product_id":{{productId}},"position":1,"created_at":"{{at}}","updated_at":"{{at}}","alt":null,"width":800,"height":800,"src":"https://cdn.shopify.com/s/files/1/0000/0001/products/{{handle}}.jpg","variant_ids":[]}],
             "image":null,"media":[],"variant_gids":[{"admin_graphql_api_id":"gid://shopify/ProductVariant/{{productId + 1}}","updated_at":"{{at}}"}]}
            """);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }
}
