using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Shopify.Gdpr;
using ConversationalCommerce.Shopify.Lifecycle;
using ConversationalCommerce.Shopify.Webhooks.Topics;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ConversationalCommerce.Shopify.Webhooks;

public static class ShopifyWebhooksFeature
{
    /// <summary>Needs <see cref="ShopifyAppRegistration.AddShopifyApp"/> (options, lifecycle, session tokens). Webhook ingest, the "shopify" inbox handler with one handler per group of topics, GDPR, uninstall.</summary>
    public static IHostApplicationBuilder AddShopifyWebhooks(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ShopDirectory>();
        services.AddScoped<ShopifyWebhookReceiver>();
        services.AddInboxHandler<ShopifyWebhookHandler>();
        services.AddScoped<ResourceVersions>();
        services.AddScoped<CustomerRecords>();
        services.AddScoped<IShopifyTopicHandler, ProductTopics>();
        services.AddScoped<IShopifyTopicHandler, InventoryTopics>();
        services.AddScoped<IShopifyTopicHandler, CollectionTopics>();
        services.AddScoped<IShopifyTopicHandler, CustomerTopics>();
        services.AddScoped<IShopifyTopicHandler, OrderTopics>();
        services.AddScoped<IShopifyTopicHandler, AppTopics>();
        services.AddScoped<IShopifyTopicHandler, CustomerDataExport>();
        services.AddScoped<IShopifyTopicHandler, CustomerRedaction>();
        services.AddScoped<IShopifyTopicHandler, ShopErasure>();
        // Uninstall goes through the sync feature's ShopLifecycle (tokens, reconcile job, running syncs) plus our own steps.
        services.TryAddScoped<IShopLifecycle, ShopUninstallation>();
        services.AddScoped<IBulkOperationListener, SyncBulkOperationListener>();
        return builder;
    }

    public static IEndpointRouteBuilder MapShopifyWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapShopifyWebhookIngest();
        app.MapPrivacyExportsApi();
        return app;
    }
}
