using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConversationalCommerce.Channels.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Outbox writer, router, processor and sweep. The host supplies the <see cref="IOutboxDispatcher"/> (a job queue;
    /// <see cref="HangfireOutboxDispatcher"/> in the app) and each channel its <see cref="IChannelSender"/>.
    /// </summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<OutboxWriter>();
        services.TryAddScoped<ReplyRouter>();
        services.TryAddScoped<ReplyDelivery>();
        services.TryAddScoped<ChannelNotices>();
        services.TryAddScoped<DeliveryConsent>();
        services.TryAddScoped<OutboxSweeper>();
        services.TryAddSingleton<OutboxProcessor>();
        services.TryAddScoped<OutboxJob>();
        services.TryAddScoped<OutboxSweepJob>();
        return services;
    }

    /// <summary>Registers the sender of one channel; the processor picks it by <see cref="IChannelSender.Channel"/>.</summary>
    public static IServiceCollection AddChannelSender<TSender>(this IServiceCollection services) where TSender : class, IChannelSender
    {
        services.AddScoped<IChannelSender, TSender>();
        return services;
    }
}
