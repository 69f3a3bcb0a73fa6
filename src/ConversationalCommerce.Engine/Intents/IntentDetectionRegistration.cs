using ConversationalCommerce.Engine.Entities;
using ConversationalCommerce.Engine.Semantics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Engine.Intents;

public static class IntentDetectionRegistration
{
    /// <summary>
    /// Intent detection and entity extraction: IIntentDetector, IShopperEntityExtractor, IntentModelStore, and the
    /// static token table the models read (StaticEmbeddingTableSource, "Semantics" section).
    /// </summary>
    public static IServiceCollection AddIntentDetection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IntentOptions>().Bind(configuration.GetSection(IntentOptions.Section))
            .Validate(o => o.ConfidenceThreshold is >= 0 and <= 1, "Intents:ConfidenceThreshold must be between 0 and 1.")
            .Validate(o => o.MaxAlternatives >= 0, "Intents:MaxAlternatives must not be negative.");
        services.AddOptions<SemanticOptions>().Bind(configuration.GetSection(SemanticOptions.Section))
            .Validate(o => o.Dimensions is >= 8 and <= 384, "Semantics:Dimensions must be between 8 and 384.");
        services.TryAddSingleton(sp => new StaticEmbeddingTableSource(sp.GetRequiredService<IOptions<SemanticOptions>>().Value,
            sp.GetRequiredService<ILogger<StaticEmbeddingTableSource>>()));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IntentModelStore>();
        services.TryAddSingleton<IShopperEntityExtractor, ShopperEntityExtractor>();
        services.TryAddSingleton<IIntentDetector, IntentDetector>();
        services.AddHostedService<IntentModelWarmUp>();
        return services;
    }
}

/// <summary>Trains the built-in model while the host starts, so the first shopper message doesn't wait for it.</summary>
internal sealed class IntentModelWarmUp(IntentModelStore models, IOptions<IntentOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.WarmUpOnStart) _ = Task.Run(() => models.BuiltIn, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
