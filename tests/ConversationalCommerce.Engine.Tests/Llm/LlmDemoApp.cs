using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Conversation;
using ConversationalCommerce.Engine.Llm;
using ConversationalCommerce.Engine.Search;
using ConversationalCommerce.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Engine.Tests.Llm;

/// <summary>
/// The real app with the seeded demo store and the LLM mode pointed at a WireMock OpenAI. Shared by the LLM tests;
/// each test resets the fake and uses a new conversation.
/// </summary>
public sealed class LlmDemoApp : IAsyncLifetime
{
    public const int TimeoutSeconds = 3;
    public const int MaxToolRounds = 3;
    public const string ApiKey = "headless-test-key-0123456789abcdef";

    public OpenAiFake OpenAi { get; } = new();
    public AppFactory Factory { get; private set; } = null!;
    public Guid ShopId { get; private set; }

    public IServiceProvider Services => Factory.Services;
    public ICatalogSearch Catalog => Services.GetRequiredService<ICatalogSearch>();

    public async Task InitializeAsync()
    {
        Factory = new AppFactory(seedDemo: true)
            .WithSetting("Ai:Provider", "OpenAI")
            .WithSetting("Ai:Model", "gpt-4o-mini")
            .WithSetting("Ai:ApiKey", "sk-test-not-a-real-key")
            .WithSetting("Ai:Endpoint", OpenAi.Endpoint)
            .WithSetting("Ai:TimeoutSeconds", TimeoutSeconds.ToString())
            .WithSetting("Ai:MaxToolRounds", MaxToolRounds.ToString())
            .WithSetting($"HeadlessApi:Keys:{Shop.DemoDomain}", ApiKey);
        await using var scope = Services.CreateAsyncScope();
        ShopId = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Shops
            .Where(s => s.Domain == Shop.DemoDomain).Select(s => s.Id).SingleAsync();
        await Catalog.EnsureLoadedAsync(ShopId, CancellationToken.None);

        // One answered turn first: the fake server's and the connector's first request cost seconds of JIT on a
        // busy 2-core machine, which would otherwise eat the first test's timeout budget.
        OpenAi.Answers("Hello! How can I help you today?");
        await RespondAsync(Turn("hello"));
        OpenAi.Reset();
    }

    public TurnContext Turn(string text, string stateJson = "{}", Guid? customerId = null) =>
        new(ShopId, Guid.NewGuid(), Channel.Widget, text, stateJson, customerId, []);

    /// <summary>The turn engine the app resolves (the LLM decorator when a provider is configured).</summary>
    public async Task<TurnOutcome> RespondAsync(TurnContext turn)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITurnEngine>().RespondAsync(turn, CancellationToken.None);
    }

    /// <summary>What the offline engine alone answers to the same turn.</summary>
    public async Task<TurnOutcome> OfflineAsync(TurnContext turn)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredKeyedService<ITurnEngine>(LlmModeRegistration.OfflineEngineKey)
            .RespondAsync(turn, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        OpenAi.Dispose();
        return Task.CompletedTask;
    }
}
