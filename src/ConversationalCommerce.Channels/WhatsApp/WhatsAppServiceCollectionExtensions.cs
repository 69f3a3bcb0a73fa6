using ConversationalCommerce.Channels.Delivery;
using ConversationalCommerce.Channels.Identity;
using ConversationalCommerce.Channels.WhatsApp.Inbound;
using ConversationalCommerce.Channels.WhatsApp.Outbound;
using ConversationalCommerce.Channels.WhatsApp.Settings;
using ConversationalCommerce.Channels.WhatsApp.Webhook;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Inbox;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Channels.WhatsApp;

public static class WhatsAppServiceCollectionExtensions
{
    /// <summary>The WhatsApp channel: webhook receiver, inbox handler, outbound sender, per-shop settings.</summary>
    public static IServiceCollection AddWhatsApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WhatsAppOptions>(configuration.GetSection(WhatsAppOptions.Section));
        services.AddDataProtection().PersistKeysToDbContext<AppDbContext>().SetApplicationName("ConversationalCommerce");
        services.AddMemoryCache();
        services.AddDelivery();
        services.AddCustomerIdentities();
        services.AddScoped<WhatsAppSettingsStore>();
        services.AddScoped<WhatsAppWebhookReceiver>();
        services.AddScoped<WhatsAppInboundHandler>();
        services.AddScoped<WhatsAppStatusHandler>();
        services.AddInboxHandler<WhatsAppInboxHandler>();
        services.AddHttpClient<GraphApiClient>();
        services.AddChannelSender<WhatsAppSender>();
        return services;
    }
}
