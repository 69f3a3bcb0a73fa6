using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ConversationalCommerce.Engine.Tests.Llm;

/// <summary>
/// The OpenAI chat-completions API (POST /v1/chat/completions) played by WireMock, with response bodies shaped as
/// the real API sends them: a tool-call round (message.tool_calls[], finish_reason "tool_calls") and a final answer.
/// Requests are matched on whether they already carry tool results, so one fake serves the whole tool loop.
/// </summary>
public sealed class OpenAiFake : IDisposable
{
    public const string ChatPath = "/v1/chat/completions";

    public WireMockServer Server { get; } = WireMockServer.Start();

    /// <summary>The base address the OpenAI connector is given (the SDK appends /chat/completions).</summary>
    public string Endpoint => Server.Url + "/v1";

    public void Reset() => Server.Reset();

    /// <summary>First request: the model asks for the tool calls; once tool results are in the request: the final answer.</summary>
    public void ToolCallsThenAnswer(string answer, params (string Id, string Function, object Arguments)[] calls) =>
        ToolCallsThenAnswer(ChatPath, answer, calls);

    public void ToolCallsThenAnswer(string path, string answer, params (string Id, string Function, object Arguments)[] calls)
    {
        Server.Given(Request.Create().WithPath(path).UsingPost().WithBody((string? body) => body is not null && !HasToolResults(body)))
            .AtPriority(2)
            .RespondWith(Json(200, ToolCallCompletion(calls)));
        Server.Given(Request.Create().WithPath(path).UsingPost().WithBody((string? body) => body is not null && HasToolResults(body)))
            .AtPriority(1)
            .RespondWith(Json(200, AnswerCompletion(answer)));
    }

    /// <summary>The model answers at once, without tools.</summary>
    public void Answers(string answer) =>
        Server.Given(Request.Create().WithPath(ChatPath).UsingPost()).RespondWith(Json(200, AnswerCompletion(answer)));

    /// <summary>The model asks for the same tool on every round, never answering.</summary>
    public void AlwaysCallsTool(string function, object arguments) =>
        Server.Given(Request.Create().WithPath(ChatPath).UsingPost())
            .RespondWith(Json(200, ToolCallCompletion([("call_again", function, arguments)])));

    public void AnswersAfter(TimeSpan delay, string answer) =>
        Server.Given(Request.Create().WithPath(ChatPath).UsingPost())
            .RespondWith(Json(200, AnswerCompletion(answer)).WithDelay(delay));

    /// <summary>An error as OpenAI sends it: {"error": {message, type, param, code}}.</summary>
    public void Fails(int status, string type, string code, string message)
    {
        var body = new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code },
        };
        var response = Json(status, body);
        if (status == 429) response = response.WithHeader("retry-after", "20").WithHeader("x-ratelimit-remaining-requests", "0");
        Server.Given(Request.Create().WithPath(ChatPath).UsingPost()).RespondWith(response);
    }

    public void RespondsWithRaw(int status, string body) =>
        Server.Given(Request.Create().WithPath(ChatPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    /// <summary>
    /// The JSON bodies of the chat requests sent for the shopper message <paramref name="shopperText"/>, in order.
    /// Filtering by the message keeps a delayed request of an earlier test (logged when its response ends) out.
    /// </summary>
    public IReadOnlyList<JsonNode> Requests(string shopperText) =>
        [.. RequestsFor(shopperText).Select(r => JsonNode.Parse(r.Body!)!)];

    /// <summary>The raw requests (path, query, headers) sent for the shopper message, in order.</summary>
    public IReadOnlyList<IRequestMessage> RequestsFor(string shopperText) =>
        [.. Server.LogEntries.Select(e => e.RequestMessage).OrderBy(r => r.DateTime)
            .Where(r => r.Method == "POST" && r.Body is not null && Mentions(JsonNode.Parse(r.Body), shopperText))];

    private static bool Mentions(JsonNode? body, string shopperText) =>
        body?["messages"]?.AsArray().Any(m => (string?)m?["role"] == "user" && (string?)m?["content"] == shopperText) == true;

    public static JsonObject ToolCallCompletion(IEnumerable<(string Id, string Function, object Arguments)> calls) => Completion(
        new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JsonArray([.. calls.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id,
                ["type"] = "function",
                ["function"] = new JsonObject
                {
                    ["name"] = c.Function,
                    // OpenAI sends the arguments as a JSON string, not an object.
                    ["arguments"] = JsonSerializer.Serialize(c.Arguments),
                },
            })]),
            ["refusal"] = null,
            ["annotations"] = new JsonArray(),
        },
        "tool_calls");

    public static JsonObject AnswerCompletion(string answer) => Completion(
        new JsonObject { ["role"] = "assistant", ["content"] = answer, ["refusal"] = null, ["annotations"] = new JsonArray() },
        "stop");

    private static JsonObject Completion(JsonObject message, string finishReason) => new()
    {
        ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N")[..24],
        ["object"] = "chat.completion",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = "gpt-4o-mini-2024-07-18",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = message,
            ["logprobs"] = null,
            ["finish_reason"] = finishReason,
        }),
        ["usage"] = new JsonObject
        {
            ["prompt_tokens"] = 412,
            ["completion_tokens"] = 38,
            ["total_tokens"] = 450,
            ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = 0, ["audio_tokens"] = 0 },
            ["completion_tokens_details"] = new JsonObject
            {
                ["reasoning_tokens"] = 0, ["audio_tokens"] = 0, ["accepted_prediction_tokens"] = 0, ["rejected_prediction_tokens"] = 0,
            },
        },
        ["service_tier"] = "default",
        ["system_fingerprint"] = "fp_06737a9306",
    };

    private static bool HasToolResults(string body) =>
        JsonNode.Parse(body)?["messages"]?.AsArray().Any(m => (string?)m?["role"] == "tool") == true;

    private static IResponseBuilder Json(int status, JsonNode body) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body.ToJsonString());

    public void Dispose() => Server.Stop();
}
