using ConversationalCommerce.Engine.Conversation;
using ConversationalCommerce.Engine.Llm;
using ConversationalCommerce.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Engine.Tests.Llm;

public sealed class LlmRegistrationTests
{
    [Fact]
    public void Provider_none_leaves_the_offline_engine_alone()
    {
        using var app = new AppFactory();

        Assert.IsType<OfflineTurnEngine>(app.Services.GetRequiredService<ITurnEngine>());
        Assert.Null(app.Services.GetService<LlmChatService>());
        Assert.Null(app.Services.GetKeyedService<ITurnEngine>(LlmModeRegistration.OfflineEngineKey));
    }

    [Fact]
    public void Configured_provider_wraps_whatever_offline_engine_is_registered()
    {
        using var app = Configured(("Ai:Model", "gpt-4o-mini"), ("Ai:ApiKey", "sk-test"));

        Assert.IsType<LlmTurnEngine>(app.Services.GetRequiredService<ITurnEngine>());
        Assert.IsType<OfflineTurnEngine>(app.Services.GetRequiredKeyedService<ITurnEngine>(LlmModeRegistration.OfflineEngineKey));
        // The conversation service, registered after the LLM line in AppFeatures, still gets the decorator.
        Assert.Single(app.Services.GetServices<ITurnEngine>());
    }

    [Theory]
    [InlineData("Ai:Model", "Ai:Model is required")]
    [InlineData("Ai:ApiKey", "Ai:ApiKey is required")]
    public void Missing_setting_stops_the_app_at_start_with_the_reason(string missing, string reason)
    {
        var settings = new[] { ("Ai:Model", "gpt-4o-mini"), ("Ai:ApiKey", "sk-test") }.Where(s => s.Item1 != missing).ToArray();
        using var app = Configured(settings);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Unknown_provider_is_refused_with_the_known_ones()
    {
        using var app = new AppFactory().WithSetting("Ai:Provider", "Gemini");

        var error = Assert.Throws<InvalidOperationException>(() => app.Services);
        Assert.Contains("Ai:Provider 'Gemini' is not one of None, OpenAI, AzureOpenAI, Ollama", error.Message);
    }

    [Theory]
    [InlineData("AzureOpenAI", "", "2024-10-21", "Ai:Endpoint (https://<resource>.openai.azure.com) is required")]
    [InlineData("AzureOpenAI", "https://shop.openai.azure.com", "2023-01-01", "Ai:ApiVersion '2023-01-01' is not one the Azure connector knows")]
    [InlineData("OpenAI", "not a url", "", "Ai:Endpoint must be an absolute http(s) address")]
    public void Invalid_provider_settings_are_reported(string provider, string endpoint, string apiVersion, string reason)
    {
        var options = new AiOptions
        {
            Provider = Enum.Parse<AiProvider>(provider), Model = "m", ApiKey = "k", Endpoint = endpoint, ApiVersion = apiVersion,
        };

        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), errors, validateAllProperties: true));
        Assert.Contains(errors, e => e.ErrorMessage!.Contains(reason));
    }

    [Fact]
    public void Ollama_needs_no_key_and_defaults_to_the_local_server()
    {
        var options = new AiOptions { Provider = AiProvider.Ollama, Model = "llama3.1:8b" };

        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Assert.True(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), errors, validateAllProperties: true));
        Assert.Equal(new Uri("http://localhost:11434/v1"), LlmChatServiceFactory.OllamaOpenAiEndpoint(""));
        Assert.Equal(new Uri("http://gpu-box:11434/v1"), LlmChatServiceFactory.OllamaOpenAiEndpoint("http://gpu-box:11434/"));
        Assert.Equal(new Uri("http://gpu-box:11434/v1"), LlmChatServiceFactory.OllamaOpenAiEndpoint("http://gpu-box:11434/v1"));
    }

    [Fact]
    public void Decorating_twice_keeps_one_decorator_around_the_offline_engine_with_its_lifetime()
    {
        var services = new ServiceCollection();
        services.AddConversationEngine(new ConfigurationBuilder().Build());

        services.DecorateTurnEngineWithLlm().DecorateTurnEngineWithLlm();

        var plain = Assert.Single(services, d => d.ServiceType == typeof(ITurnEngine) && !d.IsKeyedService);
        Assert.Equal(typeof(LlmTurnEngine), plain.ImplementationType);
        Assert.Equal(ServiceLifetime.Singleton, plain.Lifetime);
        var keyed = Assert.Single(services, d => d.ServiceType == typeof(ITurnEngine) && d.IsKeyedService);
        Assert.Equal(LlmModeRegistration.OfflineEngineKey, keyed.ServiceKey);
    }

    [Fact]
    public void Decorating_without_an_offline_engine_says_what_is_missing()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().DecorateTurnEngineWithLlm());
        Assert.Contains("no ITurnEngine is registered", error.Message);
    }

    private static AppFactory Configured(params (string Key, string Value)[] settings)
    {
        var app = new AppFactory().WithSetting("Ai:Provider", "OpenAI").WithSetting("Ai:Endpoint", "http://127.0.0.1:9/v1");
        foreach (var (key, value) in settings) app.WithSetting(key, value);
        return app;
    }
}
