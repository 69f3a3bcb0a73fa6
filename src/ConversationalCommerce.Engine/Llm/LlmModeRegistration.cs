using ConversationalCommerce.Engine.Conversation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ConversationalCommerce.Engine.Llm;

public static class LlmModeRegistration
{
    /// <summary>The key under which the decorated (offline) turn engine stays resolvable.</summary>
    public const string OfflineEngineKey = "offline";

    /// <summary>
    /// The LLM mode from the "Ai" section. With Ai:Provider=None nothing but the options is registered. Otherwise the
    /// registered <see cref="ITurnEngine"/> is wrapped by <see cref="LlmTurnEngine"/> when the container is built, so
    /// the order of the feature lines does not matter: whatever offline engine is registered gets decorated.
    /// </summary>
    public static IHostApplicationBuilder AddLlmMode(this IHostApplicationBuilder builder)
    {
        if (!builder.Services.AddLlmServices(builder.Configuration)) return builder;
        var development = builder.Environment.IsDevelopment();
        builder.ConfigureContainer(
            new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateScopes = development, ValidateOnBuild = development }),
            services => services.DecorateTurnEngineWithLlm());
        return builder;
    }

    /// <summary>Options, the provider's chat service and the tools' data sources; false when Ai:Provider is None.</summary>
    public static bool AddLlmServices(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(AiOptions.Section);
        services.AddOptions<AiOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        if (ProviderOf(section) == AiProvider.None) return false;
        services.AddSingleton<LlmChatService>();
        services.AddSingleton<ToolServices>();
        return true;
    }

    /// <summary>Replaces the registered <see cref="ITurnEngine"/> with the LLM decorator; the original stays as a keyed service.</summary>
    public static IServiceCollection DecorateTurnEngineWithLlm(this IServiceCollection services)
    {
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(ITurnEngine) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("The LLM mode decorates the offline turn engine, but no ITurnEngine is registered.");
        if (inner.ImplementationType == typeof(LlmTurnEngine)) return services;

        foreach (var plain in services.Where(d => d.ServiceType == typeof(ITurnEngine) && !d.IsKeyedService).ToList())
            services.Remove(plain);
        services.Add(AsKeyed(inner, OfflineEngineKey));
        // Same lifetime as the engine it wraps: a scoped offline engine (database reads) keeps its scope.
        services.Add(new ServiceDescriptor(typeof(ITurnEngine), typeof(LlmTurnEngine), inner.Lifetime));
        return services;
    }

    private static ServiceDescriptor AsKeyed(ServiceDescriptor d, string key)
    {
        if (d.ImplementationInstance is { } instance) return new ServiceDescriptor(d.ServiceType, key, instance);
        if (d.ImplementationFactory is { } factory) return new ServiceDescriptor(d.ServiceType, key, (sp, _) => factory(sp), d.Lifetime);
        return new ServiceDescriptor(d.ServiceType, key, d.ImplementationType!, d.Lifetime);
    }

    private static AiProvider ProviderOf(IConfigurationSection section)
    {
        var value = section["Provider"];
        if (string.IsNullOrWhiteSpace(value)) return AiProvider.None;
        return Enum.TryParse<AiProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException(
                $"Ai:Provider '{value}' is not one of {string.Join(", ", Enum.GetNames<AiProvider>())}.");
    }
}
