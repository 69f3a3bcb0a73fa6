using ConversationalCommerce.App.DemoStore;
using ConversationalCommerce.App.Features.Admin;
using ConversationalCommerce.App.Features.Catalog;
using ConversationalCommerce.App.Features.Conversations;
using ConversationalCommerce.App.Features.Delivery;
using ConversationalCommerce.App.Features.Email;
using ConversationalCommerce.App.Features.Search;
using ConversationalCommerce.App.Features.WhatsApp;
using ConversationalCommerce.App.Features.Widget;
using ConversationalCommerce.App.Inbox;
using ConversationalCommerce.Channels.Email;
using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Llm;
using ConversationalCommerce.Shopify;
using ConversationalCommerce.Shopify.ProductCsv;
using ConversationalCommerce.Shopify.Webhooks;

namespace ConversationalCommerce.App.Hosting;

/// <summary>
/// Each feature registers its services and maps its endpoints here; one line per feature. The file merges with git's
/// union driver, so keep one statement per line and check for doubled lines after a merge.
/// </summary>
public static class AppFeatures
{
    public static IHostApplicationBuilder AddAppFeatures(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        builder.Services.AddProblemDetails();
        builder.AddDemoStore();
        builder.AddDemoStorefront();
        builder.Services.AddIntentDetection(builder.Configuration);
        builder.Services.AddCatalogSearch();
        builder.AddInbox();
        builder.Services.AddProductCsvImport();
        builder.AddConversations();
        builder.AddLlmMode();
        builder.AddWidget();
        builder.AddShopifyApp();
        builder.AddShopifyWebhooks();
        DeliveryFeature.AddReplyDelivery(builder);
        EmailRegistration.AddEmailChannel(builder);
        WhatsAppFeature.AddWhatsAppChannel(builder);
        AdminApi.AddMerchantAdmin(builder);
        return builder;
    }

    public static IEndpointRouteBuilder MapAppFeatures(this IEndpointRouteBuilder app)
    {
        app.MapCatalogApi();
        app.MapDemoStore();
        app.MapDemoStorefrontApi();
        app.MapConversations();
        app.MapWidget();
        app.MapShopifyApp();
        app.MapShopifyWebhooks();
        EmailApi.MapEmailApi(app);
        WhatsAppApi.MapWhatsAppApi(app);
        AdminApi.MapMerchantAdmin(app);
        return app;
    }
}
