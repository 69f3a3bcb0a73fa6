using ConversationalCommerce.App.Features.Search;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Conversations;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Conversation;
using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Search;
using ConversationalCommerce.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Bench;

/// <summary>
/// A whole offline turn (intent + entities + retrieval + ranking + reply) on a generated 10,000-product catalog,
/// in-process: first the engine turn alone (state carried between turns in memory), then the same conversations
/// through ConversationService with persistence on SQLite. Args: [products] [turns].
/// </summary>
public sealed class TurnLatencyBenchmark : IBenchmark
{
    public string Name => "turn-latency";
    public string Description => "offline engine turn on a 10k-product catalog, p50/p99; then with SQLite persistence";

    private static readonly string[] Script =
    [
        "a gift for my sister", "under $40", "something in green", "compare the first two", "which one should I get?",
        "show me wool sweaters in M", "is the second one in stock?", "what is it made of?", "add it to my cart",
        "birthday present for my dad under $100", "show me more", "cheaper?", "what's your return policy?", "thanks!",
        "ceramic mugs", "the blue one", "do you have leather wallets", "hi", "what's on sale", "linen shirts in L under $60",
    ];

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var productCount = args.Length > 0 ? int.Parse(args[0]) : 10_000;
        var turns = args.Length > 1 ? int.Parse(args[1]) : 2_000;
        using var data = new TestDataDirectory();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddAppDatabase(DatabaseProvider.Sqlite, data.SqliteConnectionString);
        services.AddCatalogSearch();
        services.AddIntentDetection(new ConfigurationBuilder().Build());
        services.AddDatabaseConversationStore();
        services.AddConversationEngine(new ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync(cancellationToken);

        var shopId = await SeedAsync(provider, productCount, cancellationToken);
        Console.WriteLine($"catalog: {productCount} products");
        await provider.GetRequiredService<ICatalogSearch>().EnsureLoadedAsync(shopId, cancellationToken);
        _ = provider.GetRequiredService<IntentModelStore>().BuiltIn;

        if (args.Contains("--search-only"))
        {
            var search = provider.GetRequiredService<ICatalogSearch>();
            foreach (var request in new[] { new SearchRequest("") { Tags = ["for-her"], Limit = 120 }, new SearchRequest("") { Tags = ["for-her"], MaxPrice = 40, Limit = 120 }, new SearchRequest("") { Colors = ["green"], Limit = 60 }, new SearchRequest("wool sweaters") { Limit = 60 } })
            {
                var r = new LatencyRecorder();
                for (var i = 0; i < 300; i++) { var t = System.Diagnostics.Stopwatch.GetTimestamp(); search.Search(shopId, request); r.Add(LatencyRecorder.Elapsed(t)); }
                Console.WriteLine(r.Summary($"search '{request.Text}' tags={string.Join(",", request.Tags)} colors={string.Join(",", request.Colors)} max={request.MaxPrice}"));
            }
        }
        var engine = provider.GetRequiredService<OfflineTurnEngine>();
        var engineLatency = new LatencyRecorder();
        var perMessage = Script.ToDictionary(m => m, _ => new LatencyRecorder());
        var state = "{}";
        var conversation = Guid.NewGuid();
        var cpuBefore = TimeSpan.Zero;
        for (var i = 0; i < turns + 200; i++)
        {
            if (i % Script.Length == 0) { state = "{}"; conversation = Guid.NewGuid(); }
            if (i == 200) cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var outcome = await engine.RespondAsync(new TurnContext(shopId, conversation, Channel.Widget, Script[i % Script.Length], state, null, []), cancellationToken);
            if (i >= 200) // the first rounds warm the JIT
            {
                var ms = LatencyRecorder.Elapsed(started);
                engineLatency.Add(ms);
                perMessage[Script[i % Script.Length]].Add(ms);
            }
            state = outcome.StateJson;
        }
        var cpuPerTurn = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / turns;
        Console.WriteLine(engineLatency.Summary("engine turn (in-process)"));
        // Wall-clock tails suffer on a shared, overloaded machine; process CPU per turn does not (it includes GC threads).
        Console.WriteLine($"engine turn mean process CPU: {cpuPerTurn:F3} ms (machine load average {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a")} on {Environment.ProcessorCount} cores)");
        if (args.Contains("--per-message"))
            foreach (var (message, recorder) in perMessage.OrderByDescending(x => x.Value.Percentile(50)))
                Console.WriteLine("  " + recorder.Summary($"\"{message}\""));

        var service = provider.GetRequiredService<IConversationService>();
        var persisted = new LatencyRecorder();
        var persistedTurns = Math.Min(turns, 600);
        for (var i = 0; i < persistedTurns + 40; i++)
        {
            if (i % Script.Length == 0) conversation = Guid.NewGuid();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await service.HandleAsync(new ShopperMessage(shopId, conversation, Channel.Widget, Script[i % Script.Length], $"b-{i}"), cancellationToken);
            if (i >= 40) persisted.Add(LatencyRecorder.Elapsed(started));
        }
        Console.WriteLine(persisted.Summary("turn with SQLite persistence"));
        return 0;
    }

    private static readonly string[] Nouns = ["Mug", "Sweater", "Scarf", "Wallet", "Candle", "Notebook", "Necklace", "Tee", "Linen Shirt", "Beanie", "Tote Bag", "Teapot", "Puzzle", "Headphones", "Yoga Mat", "Backpack", "Earrings", "Socks", "Cookbook", "Planter"];
    private static readonly string[] Styles = ["Classic", "Ceramic", "Wool", "Leather", "Organic", "Handmade", "Vintage", "Modern", "Rustic", "Minimal", "Striped", "Speckled", "Woven", "Brushed", "Cosy", "Travel"];
    private static readonly string[] Colors = ["Navy", "Green", "Blue", "Black", "White", "Rust", "Oatmeal", "Charcoal", "Pink", "Mustard"];
    private static readonly string[] Sizes = ["S", "M", "L", "XL"];
    private static readonly string[] Tags = ["for-her", "for-him", "for-kids", "birthday", "christmas", "anniversary", "housewarming", "bestseller", "sale"];

    private static async Task<Guid> SeedAsync(IServiceProvider provider, int count, CancellationToken cancellationToken)
    {
        var rng = new Random(7);
        Guid shopId;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var shop = new Shop { Domain = "bench.myshopify.com", Name = "Bench", Settings = { ReturnsPolicy = "Returns within 30 days.", ShippingPolicy = "Free over $50." } };
            db.Shops.Add(shop);
            await db.SaveChangesAsync(cancellationToken);
            shopId = shop.Id;
        }
        for (var start = 0; start < count; start += 1000)
        {
            await using var scope = provider.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(count, start + 1000); i++)
            {
                var noun = Nouns[i % Nouns.Length];
                var title = $"{Styles[rng.Next(Styles.Length)]} {noun} {i}";
                var sized = noun is "Sweater" or "Tee" or "Linen Shirt" or "Socks";
                var product = new Product
                {
                    ShopId = shopId, ShopifyId = 1_000_000 + i, Handle = $"p-{i}", Title = title, ProductType = noun, Vendor = $"Maker {i % 40}",
                    BodyHtml = $"<p>A {title.ToLowerInvariant()} people love.</p><ul><li><strong>Material:</strong> {(noun.Contains("Wool") || noun == "Sweater" ? "Merino wool" : "Cotton")}</li><li><strong>Care:</strong> Hand wash</li></ul>",
                    Tags = string.Join(", ", Tags.Where(_ => rng.NextDouble() < 0.3)),
                    Option1Name = sized ? "Size" : "Color", Option2Name = sized ? "Color" : null,
                    Status = i % 97 == 0 ? ProductStatus.Draft : ProductStatus.Active,
                };
                var basePrice = Math.Round((decimal)(8 + rng.NextDouble() * 150), 2);
                var colors = Colors.OrderBy(_ => rng.Next()).Take(2).ToArray();
                var position = 1;
                foreach (var size in sized ? Sizes.Cast<string?>() : [null])
                foreach (var color in colors)
                    product.Variants.Add(new ProductVariant
                    {
                        ShopId = shopId, ShopifyId = 5_000_000 + i * 10 + position, Position = position++, Price = basePrice,
                        CompareAtPrice = rng.NextDouble() < 0.1 ? basePrice * 1.3m : null,
                        Option1 = size ?? color, Option2 = size is null ? null : color, Title = size is null ? color : $"{size} / {color}",
                        InventoryQuantity = rng.NextDouble() < 0.1 ? 0 : rng.Next(1, 50),
                    });
                db.Products.Add(product);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        return shopId;
    }
}
