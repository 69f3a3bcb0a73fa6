using ConversationalCommerce.Data.Coordination;
using ConversationalCommerce.Data.Scoping;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the DbContext for the chosen provider. The shop scope is per request/job; the options depend on
    /// nothing scoped, so they are built once instead of in every scope (a chat turn opens several).
    /// </summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        services.AddScoped<ShopScope>();
        services.AddSingleton<DbLeases>();
        services.AddSingleton(new ActiveDatabase(provider));
        services.AddDbContext<AppDbContext>(o => DbContextOptionsConfigurator.Configure(o, provider, connectionString),
            contextLifetime: ServiceLifetime.Scoped, optionsLifetime: ServiceLifetime.Singleton);
        return services;
    }
}
