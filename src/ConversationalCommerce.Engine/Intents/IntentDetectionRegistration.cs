using ConversationalCommerce.Engine.Entities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Engine.Intents;

public static class IntentDetectionRegistration
{
    /// <summary>Intent detection and entity extraction: IIntentDetector, IShopperEntityExtractor, IntentModelStore.</summary>
    public static IServiceCollection AddIntentDetection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IntentOptions>().Bind(configuration.GetSection(IntentOptions.Section))
            .Validate(o => o.ConfidenceThreshold is >= 0 and <= 1, "Intents:ConfidenceThreshold must be between 0 and 1.")
            .Validate(o => o.MaxAlternatives >= 0, "Intents:MaxAlternatives must not be negative.");
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
