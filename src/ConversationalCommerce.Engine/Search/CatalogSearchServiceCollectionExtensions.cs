using ConversationalCommerce.Engine.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConversationalCommerce.Engine.Search;

public static class CatalogSearchServiceCollectionExtensions
{
    /// <summary>The in-process index and its change notifier. Needs an <see cref="ICatalogSource"/> (Data registers one).</summary>
    public static IServiceCollection AddCatalogSearchIndex(this IServiceCollection services)
    {
        services.AddOptions<CatalogSearchOptions>().BindConfiguration(CatalogSearchOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CatalogSearch>();
        services.AddSingleton<ICatalogSearch>(sp => sp.GetRequiredService<CatalogSearch>());
        services.AddSingleton<CatalogIndexUpdater>();
        services.AddSingleton<ICatalogChangeNotifier>(sp => sp.GetRequiredService<CatalogIndexUpdater>());
        services.AddHostedService(sp => sp.GetRequiredService<CatalogIndexUpdater>());
        return services;
    }
}
