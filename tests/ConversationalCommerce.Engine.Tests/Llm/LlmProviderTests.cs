using ConversationalCommerce.Engine.Conversation;
using ConversationalCommerce.Engine.Llm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Engine.Tests.Llm;

/// <summary>The other providers' request shapes, and what a failure leaves in the logs.</summary>
public sealed class LlmProviderTests(LlmDemoApp app) : IClassFixture<LlmDemoApp>
{
    [Fact]
    public async Task Azure_openai_calls_the_deployment_path_with_the_api_version_and_key()
    {
        app.OpenAi.Reset();
        const string text = "azure: a scented candle";
        var options = new AiOptions
        {
            Provider = AiProvider.AzureOpenAI, Model = "gift-gpt", Endpoint = app.OpenAi.Server.Url!, ApiKey = "azure-key-1",
            ApiVersion = "2024-10-21", TimeoutSeconds = LlmDemoApp.TimeoutSeconds,
        };
        app.OpenAi.ToolCallsThenAnswer("/openai/deployments/gift-gpt/chat/completions", "Here are our candles.",
            ("call_search_1", "shop-search_products", new { query = "candle" }));

        var outcome = await RespondAsync(options, app.Turn(text));

        Assert.Equal("Here are our candles.", outcome.Reply.Text);
        Assert.NotEmpty(outcome.Reply.Products);
        var calls = app.OpenAi.RequestsFor(text);
        Assert.Equal(2, calls.Count);
        Assert.All(calls, r =>
        {
            Assert.Equal("/openai/deployments/gift-gpt/chat/completions", r.Path);
            Assert.Equal("2024-10-21", r.Query!["api-version"].Single());
            Assert.Equal("azure-key-1", r.Headers!["api-key"].Single());
        });
    }

    [Fact]
    public async Task Ollama_is_reached_through_its_openai_compatible_v1_endpoint()
    {
        app.OpenAi.Reset();
        const string text = "ollama: a mug for my dad";
        var options = new AiOptions
        {
            Provider = AiProvider.Ollama, Model = "llama3.1:8b", Endpoint = app.OpenAi.Server.Url!, TimeoutSeconds = LlmDemoApp.TimeoutSeconds,
        };
        app.OpenAi.Answers("Happy to help you find a mug!");

        var outcome = await RespondAsync(options, app.Turn(text));

        Assert.Equal("Happy to help you find a mug!", outcome.Reply.Text);
        var request = Assert.Single(app.OpenAi.RequestsFor(text));
        Assert.Equal(OpenAiFake.ChatPath, request.Path);
        Assert.Equal("llama3.1:8b", (string?)System.Text.Json.Nodes.JsonNode.Parse(request.Body!)!["model"]);
    }

    [Fact]
    public async Task Openai_requests_carry_the_bearer_key()
    {
        app.OpenAi.Reset();
        app.OpenAi.Answers("Hi!");

        const string text = "hi there, bearer check";
        await app.RespondAsync(app.Turn(text));

        Assert.Equal("Bearer sk-test-not-a-real-key", Assert.Single(app.OpenAi.RequestsFor(text)).Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task Fallback_is_logged_at_warning_with_reason_and_status_but_without_message_bodies()
    {
        app.OpenAi.Reset();
        app.OpenAi.Fails(500, "server_error", "server_error", "PROVIDER-BODY-MARKER upstream exploded");
        var logger = new RecordingLogger<LlmTurnEngine>();
        var turn = app.Turn("SHOPPER-TEXT-MARKER do you have mugs");

        var outcome = await RespondAsync(DemoOptions(), turn, logger);

        Assert.Equal((await app.OfflineAsync(turn)).Reply.Text, outcome.Reply.Text);
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("ProviderError", warning.Message);
        Assert.Contains("status 500", warning.Message);
        Assert.Null(warning.Exception);
        Assert.All(logger.Entries.Where(e => e.Level >= LogLevel.Information), e =>
        {
            Assert.DoesNotContain("MARKER", e.Message);
            Assert.Null(e.Exception);
        });
    }

    [Fact]
    public async Task Timeout_is_logged_as_a_timeout()
    {
        app.OpenAi.Reset();
        app.OpenAi.AnswersAfter(TimeSpan.FromSeconds(5), "late");
        var logger = new RecordingLogger<LlmTurnEngine>();

        var options = DemoOptions();
        options.TimeoutSeconds = 1;
        await RespondAsync(options, app.Turn("slow provider, log check"), logger);

        Assert.Contains("Timeout", Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning).Message);
    }

    [Fact]
    public async Task Unreachable_provider_falls_back_and_is_logged_as_unreachable()
    {
        var logger = new RecordingLogger<LlmTurnEngine>();
        // Port 9 (discard) on loopback: nothing listens, the connection is refused.
        var options = new AiOptions { Provider = AiProvider.Ollama, Model = "llama3.1:8b", Endpoint = "http://127.0.0.1:9", TimeoutSeconds = LlmDemoApp.TimeoutSeconds };
        var turn = app.Turn("a candle, with nobody listening");

        var outcome = await RespondAsync(options, turn, logger);

        Assert.Equal((await app.OfflineAsync(turn)).Reply.Text, outcome.Reply.Text);
        Assert.Contains("Unreachable", Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning).Message);
    }

    private static AiOptions DemoOptions() => new()
    {
        Provider = AiProvider.OpenAI, Model = "gpt-4o-mini", ApiKey = "sk-test", TimeoutSeconds = LlmDemoApp.TimeoutSeconds,
    };

    /// <summary>An LLM engine over the app's real services and offline engine, with these provider settings.</summary>
    private async Task<TurnOutcome> RespondAsync(AiOptions options, TurnContext turn, ILogger<LlmTurnEngine>? logger = null)
    {
        if (options.Provider == AiProvider.OpenAI && options.Endpoint.Length == 0) options.Endpoint = app.OpenAi.Endpoint;
        var services = app.Services;
        using var chat = new LlmChatService(Options.Create(options), services.GetRequiredService<ILoggerFactory>());
        var engine = ActivatorUtilities.CreateInstance<LlmTurnEngine>(services,
            services.GetRequiredKeyedService<ITurnEngine>(LlmModeRegistration.OfflineEngineKey), chat, Options.Create(options),
            logger ?? NullLogger<LlmTurnEngine>.Instance);
        return await engine.RespondAsync(turn, CancellationToken.None);
    }
}
