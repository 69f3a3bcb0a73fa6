using ConversationalCommerce.App.Hosting;
using ConversationalCommerce.Data.Catalog;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.App.Features.Search;

public static class CatalogSearchRegistration
{
    /// <summary>Product search: the per-shop index over the database, its change notifier and start-up warm-up.</summary>
    public static IServiceCollection AddCatalogSearch(this IServiceCollection services)
    {
        services.AddDatabaseCatalogSource();
        services.AddCatalogSearchIndex();
        services.AddSingleton<IStartupStep, CatalogSearchWarmup>();
        return services;
    }
}
