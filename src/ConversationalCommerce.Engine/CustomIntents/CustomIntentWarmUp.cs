using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Engine.CustomIntents;

/// <summary>At start-up, trains the models of shops that have custom intents, in the background.</summary>
internal sealed class CustomIntentWarmUp(ICustomIntentStore store, CustomIntentService intents, ILogger<CustomIntentWarmUp> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                foreach (var shopId in await store.ShopsWithIntentsAsync(CancellationToken.None))
                    intents.ScheduleRetrain(shopId);
            }
            catch (Exception e)
            {
                // A database not migrated yet: shops answer with the built-in model until their intents change.
                logger.LogWarning(e, "Could not load custom intents at start-up");
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
