using ConversationalCommerce.App.DemoStore;
using ConversationalCommerce.App.Features.Catalog;
using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.App.Features.Search;
using ConversationalCommerce.App.Inbox;
using ConversationalCommerce.App.Features.Widget;
using ConversationalCommerce.App.Features.Conversations;

namespace ConversationalCommerce.App.Hosting;

/// <summary>Each feature registers its services and maps its endpoints here; one line per feature.</summary>
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
        ConversationalCommerce.App.Features.Delivery.DeliveryFeature.AddReplyDelivery(builder);
        ConversationalCommerce.Channels.Email.EmailRegistration.AddEmailChannel(builder);
        ConversationalCommerce.App.Features.WhatsApp.WhatsAppFeature.AddWhatsAppChannel(builder);
        builder.AddWidget();
        builder.AddConversations();
        return builder;
    }

    public static IEndpointRouteBuilder MapAppFeatures(this IEndpointRouteBuilder app)
    {
        app.MapCatalogApi();
        app.MapDemoStore();
        ConversationalCommerce.App.Features.Email.EmailApi.MapEmailApi(app);
        ConversationalCommerce.App.Features.WhatsApp.WhatsAppApi.MapWhatsAppApi(app);
        app.MapConversations();
        app.MapDemoStorefrontApi();
        app.MapWidget();
        return app;
    }
}
