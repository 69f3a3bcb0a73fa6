using ConversationalCommerce.Data;
using ConversationalCommerce.Shopify.Admin;
using ConversationalCommerce.Shopify.Auth;
using ConversationalCommerce.Shopify.Sync;
using ConversationalCommerce.Shopify.Sync.Bulk;
using ConversationalCommerce.Shopify.Sync.Reconcile;
using ConversationalCommerce.Shopify.Tokens;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Shopify;

public static class ShopifyAppRegistration
{
    /// <summary>Shopify auth (session tokens, token exchange, OAuth), tokens, the Admin API client, bulk sync and reconcile.</summary>
    public static IHostApplicationBuilder AddShopifyApp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddShopifyServices(builder.Configuration);
        return builder;
    }

    /// <summary>OAuth install/callback and the admin sync API.</summary>
    public static IEndpointRouteBuilder MapShopifyApp(this IEndpointRouteBuilder app) =>
        app.MapShopifyOAuth().MapShopifySyncApi();

    public static IServiceCollection AddShopifyServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ShopifyOptions>().Bind(configuration.GetSection(ShopifyOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ShopifyOptions>, ShopifyOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // Tokens are encrypted with keys kept in the database, shared by every node of the app.
        services.AddDataProtection().SetApplicationName("ConversationalCommerce").PersistKeysToDbContext<AppDbContext>();

        // Long-lived clients (held by singletons): rotate connections so DNS changes are seen.
        services.AddHttpClient<ShopifyTokenClient>(c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        // The Admin client applies its own per-attempt timeout and retries.
        services.AddHttpClient<ShopifyAdminClient>(c => c.Timeout = Timeout.InfiniteTimeSpan);
        // Bulk results can take minutes to stream; the sync's cancellation bounds them.
        services.AddHttpClient(SyncRunner.DownloadClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);

        services.AddSingleton<SessionTokenValidator>();
        services.AddSingleton<ShopTokenProtector>();
        services.AddSingleton<IShopAccessTokenProvider, ShopAccessTokenProvider>();
        services.AddScoped<ShopInstaller>();
        services.AddScoped<ShopLifecycle>();
        services.AddShopifySessionAuthorization();

        services.AddSingleton<SyncProgress>();
        services.AddSingleton<BulkFinishSignal>();
        services.AddTransient<BulkOperations>();
        services.AddScoped<SyncScheduler>();
        services.AddScoped<SyncRunner>();
        services.AddScoped<SyncJob>();
        services.AddScoped<Reconciler>();
        services.AddScoped<ReconcileJob>();
        services.AddHostedService<ShopifySyncStartup>();
        return services;
    }
}
