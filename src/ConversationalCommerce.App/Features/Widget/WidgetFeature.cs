using ConversationalCommerce.Channels.Widget;
using ConversationalCommerce.Data;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace ConversationalCommerce.App.Features.Widget;

/// <summary>The storefront widget: session endpoints, the chat hub and, with several nodes, the Redis backplane.</summary>
public static class WidgetFeature
{
    public static IHostApplicationBuilder AddWidget(this IHostApplicationBuilder builder)
    {
        // Visitor tokens (and other secrets) are protected with keys kept in the database, shared by every node.
        builder.Services.AddDataProtection().PersistKeysToDbContext<AppDbContext>().SetApplicationName("ConversationalCommerce");
        builder.Services.Configure<AppProxyOptions>(builder.Configuration.GetSection(AppProxyOptions.Section));
        builder.Services.AddSessionRateLimit();

        // Cross-origin access for the storefront, first in the pipeline so a preflight never meets the hub's authorization.
        builder.Services.AddTransient<IStartupFilter, WidgetCorsStartupFilter>();

        var signalR = builder.Services.AddWidgetChannel(builder.Configuration);
        var redis = builder.Configuration["Redis:ConnectionString"];
        if (!string.IsNullOrWhiteSpace(redis))
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = RedisChannel.Literal("cc-signalr"));
        return builder;
    }

    public static IEndpointRouteBuilder MapWidget(this IEndpointRouteBuilder app)
    {
        app.MapWidgetSessionApi();
        app.MapWidgetHub();
        return app;
    }
}

/// <summary>The app's Shopify secret, which signs app-proxy requests (section "Shopify").</summary>
public sealed class AppProxyOptions
{
    public const string Section = "Shopify";
    public string ApiSecret { get; set; } = "";
}

internal sealed class WidgetCorsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseWidgetCors();
        next(app);
    };
}
