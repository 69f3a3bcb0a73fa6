using System.Text.Json.Serialization;
using ConversationalCommerce.Channels.Identity;
using ConversationalCommerce.Channels.Widget.Hub;
using ConversationalCommerce.Channels.Widget.Session;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Channels.Widget;

public static class WidgetChannelRegistration
{
    public const string HubPath = "/hubs/chat";
    public const string EchoHubPath = "/hubs/echo";

    /// <summary>The widget hub, its visitor authentication, continuity codes and the push service; returns SignalR's builder for a backplane.</summary>
    public static ISignalRServerBuilder AddWidgetChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WidgetOptions>().Bind(configuration.GetSection(WidgetOptions.Section));
        services.AddSingleton<VisitorTokens>();
        services.AddScoped<VisitorThreads>();
        services.AddScoped<ContinuityCodes>();
        services.AddScoped<EmailOptIns>();
        services.AddSingleton<IWidgetPush, WidgetPush>();

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, VisitorAuthenticationHandler>(VisitorAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(VisitorAuthenticationHandler.Policy, p =>
            p.AddAuthenticationSchemes(VisitorAuthenticationHandler.SchemeName).RequireAuthenticatedUser());

        return services.AddSignalR()
            .AddJsonProtocol(o => o.PayloadSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
    }

    public static IEndpointRouteBuilder MapWidgetHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<ChatHub>(HubPath);
        if (app.ServiceProvider.GetRequiredService<IOptions<WidgetOptions>>().Value.EnableEchoHub)
            app.MapHub<EchoHub>(EchoHubPath);
        return app;
    }
}
