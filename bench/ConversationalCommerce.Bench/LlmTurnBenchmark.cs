using System.Text.Json;
using System.Text.Json.Nodes;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Conversation;
using ConversationalCommerce.Engine.Llm;
using ConversationalCommerce.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ConversationalCommerce.Bench;

/// <summary>
/// What the LLM mode adds to a turn besides the model's own thinking time: the demo store app with the LLM mode
/// pointed at a loopback fake of the OpenAI API that answers at once (one tool-call round, then the answer), against
/// the offline engine alone; and the cost of a fallback when the provider answers 500. Args: [turns].
/// </summary>
public sealed class LlmTurnBenchmark : IBenchmark
{
    public string Name => "llm-turn";
    public string Description => "LLM-mode overhead per turn (tool round + answer on a loopback fake provider) vs the offline engine; fallback cost";

    private static readonly string[] Queries = ["soy candle", "mug", "throw blanket", "necklace", "coffee beans", "cutting board"];

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var turns = args.Length > 0 ? int.Parse(args[0]) : 300;
        UseAppContentRoot();
        using var provider = WireMockServer.Start();
        using var app = new AppFactory(seedDemo: true)
            .WithSetting("Ai:Provider", "OpenAI").WithSetting("Ai:Model", "gpt-4o-mini").WithSetting("Ai:ApiKey", "sk-bench")
            .WithSetting("Ai:Endpoint", provider.Url + "/v1").WithSetting("Ai:TimeoutSeconds", "10")
            .WithSetting("Serilog:MinimumLevel:Default", "Warning");
        Guid shopId;
        await using (var scope = app.Services.CreateAsyncScope())
            shopId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Shops
                .Where(s => s.Domain == Shop.DemoDomain).Select(s => s.Id).SingleAsync(cancellationToken);
        var llm = app.Services.GetRequiredService<ITurnEngine>();
        var offline = app.Services.GetRequiredKeyedService<ITurnEngine>(LlmModeRegistration.OfflineEngineKey);

        provider.Given(Request.Create().WithPath("/v1/chat/completions").UsingPost().WithBody((string? b) => b is not null && !b.Contains("\"role\":\"tool\"")))
            .AtPriority(2).RespondWith(Json(ToolCall()));
        provider.Given(Request.Create().WithPath("/v1/chat/completions").UsingPost().WithBody((string? b) => b is not null && b.Contains("\"role\":\"tool\"")))
            .AtPriority(1).RespondWith(Json(Answer("Here are a few I like.")));

        var offlineLatency = await MeasureAsync(offline, shopId, turns, cancellationToken);
        Console.WriteLine(offlineLatency.Summary("offline engine turn"));
        var llmLatency = await MeasureAsync(llm, shopId, turns, cancellationToken);
        Console.WriteLine(llmLatency.Summary("LLM turn (offline + 2 provider calls + 1 tool)"));

        provider.Reset();
        provider.Given(Request.Create().WithPath("/v1/chat/completions").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(500).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}}"""));
        var fallback = await MeasureAsync(llm, shopId, turns, cancellationToken);
        Console.WriteLine(fallback.Summary("fallback turn (provider 500)"));
        return 0;
    }

    /// <summary>WebApplicationFactory looks for the app's folder beside the solution; it lives under src/.</summary>
    private static void UseAppContentRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var app = Path.Combine(dir.FullName, "src", "ConversationalCommerce.App");
            if (!Directory.Exists(app)) continue;
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CONVERSATIONALCOMMERCE_APP", app);
            return;
        }
    }

    private static async Task<LatencyRecorder> MeasureAsync(ITurnEngine engine, Guid shopId, int turns, CancellationToken cancellationToken)
    {
        var recorder = new LatencyRecorder();
        for (var i = 0; i < turns + 30; i++)
        {
            var text = $"show me {Queries[i % Queries.Length]} please";
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await engine.RespondAsync(new TurnContext(shopId, Guid.NewGuid(), Channel.Widget, text, "{}", null, []), cancellationToken);
            if (i >= 30) recorder.Add(LatencyRecorder.Elapsed(started)); // the first turns warm the JIT
        }
        return recorder;
    }

    private static IResponseBuilder Json(JsonNode body) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body.ToJsonString());

    private static JsonObject ToolCall() => Completion(new JsonObject
    {
        ["role"] = "assistant",
        ["content"] = null,
        ["tool_calls"] = new JsonArray(new JsonObject
        {
            ["id"] = "call_1",
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = "shop-search_products", ["arguments"] = JsonSerializer.Serialize(new { query = "gift" }) },
        }),
    }, "tool_calls");

    private static JsonObject Answer(string text) => Completion(new JsonObject { ["role"] = "assistant", ["content"] = text }, "stop");

    private static JsonObject Completion(JsonObject message, string finish) => new()
    {
        ["id"] = "chatcmpl-bench",
        ["object"] = "chat.completion",
        ["created"] = 1741569952,
        ["model"] = "gpt-4o-mini-2024-07-18",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["logprobs"] = null, ["finish_reason"] = finish }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 400, ["completion_tokens"] = 20, ["total_tokens"] = 420 },
    };
}
