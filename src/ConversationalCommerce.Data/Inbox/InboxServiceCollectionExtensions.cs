using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConversationalCommerce.Data.Inbox;

public static class InboxServiceCollectionExtensions
{
    /// <summary>Writer, processor and sweep. The host supplies the <see cref="IInboxDispatcher"/> (a job queue).</summary>
    public static IServiceCollection AddInboxStore(this IServiceCollection services)
    {
        services.AddOptions<InboxOptions>();
        services.TryAddSingleton(TimeProvider.System);
        // One writer per process: it batches every caller's rows into shared commits.
        services.TryAddSingleton<InboxWriter>();
        services.TryAddScoped<InboxSweeper>();
        services.TryAddSingleton<InboxProcessor>();
        return services;
    }

    /// <summary>Registers the handler of one source; the processor picks it by <see cref="IInboxHandler.Source"/>.</summary>
    public static IServiceCollection AddInboxHandler<THandler>(this IServiceCollection services) where THandler : class, IInboxHandler
    {
        services.AddScoped<IInboxHandler, THandler>();
        return services;
    }
}
