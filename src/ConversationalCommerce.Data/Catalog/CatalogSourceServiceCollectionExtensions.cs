using ConversationalCommerce.Engine.Search;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Data.Catalog;

public static class CatalogSourceServiceCollectionExtensions
{
    /// <summary>The database as the search index's <see cref="ICatalogSource"/>.</summary>
    public static IServiceCollection AddDatabaseCatalogSource(this IServiceCollection services) =>
        services.AddSingleton<ICatalogSource, EfCatalogSource>();
}
