using ConversationalCommerce.App.Hosting;
using ConversationalCommerce.Engine.Search;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.App.Features.Search;

/// <summary>Loads installed shops' indexes before the server listens, so no shopper's first question pays for it.</summary>
internal sealed class CatalogSearchWarmup(
    ICatalogSource source,
    ICatalogSearch search,
    IOptions<CatalogSearchOptions> options,
    ILogger<CatalogSearchWarmup> logger) : IStartupStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.WarmOnStartup) return;
        foreach (var shopId in await source.InstalledShopsAsync(cancellationToken))
        {
            try
            {
                await search.EnsureLoadedAsync(shopId, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One shop's bad data must not keep the app from starting; that shop loads lazily on first search.
                logger.LogError(ex, "Warming the search index of shop {ShopId} failed", shopId);
            }
        }
    }
}
