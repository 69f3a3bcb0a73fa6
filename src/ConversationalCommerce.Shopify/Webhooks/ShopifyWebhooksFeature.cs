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
    /// <summary>Webhook ingest, the "shopify" inbox handler with one handler per group of topics, GDPR, uninstall.</summary>
    public static IHostApplicationBuilder AddShopifyWebhooks(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ShopifyAppCredentials>().BindConfiguration(ShopifyAppCredentials.Section);
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
        // The sync feature registers its own lifecycle (stopping its jobs too); this one stands in until then.
        services.TryAddScoped<IShopLifecycle, DatabaseShopLifecycle>();
        services.AddSingleton<AdminSessionToken>();
        return builder;
    }

    public static IEndpointRouteBuilder MapShopifyWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapShopifyWebhookIngest();
        app.MapPrivacyExportsApi();
        return app;
    }
}
