using ConversationalCommerce.Channels.WhatsApp;

namespace ConversationalCommerce.App.Features.WhatsApp;

public static class WhatsAppFeature
{
    public static IHostApplicationBuilder AddWhatsAppChannel(this IHostApplicationBuilder builder)
    {
        builder.Services.AddWhatsApp(builder.Configuration);
        return builder;
    }
}
