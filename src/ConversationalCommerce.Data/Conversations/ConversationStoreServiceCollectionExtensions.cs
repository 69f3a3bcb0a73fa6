using ConversationalCommerce.Data.Context;
using ConversationalCommerce.Engine.Context;
using ConversationalCommerce.Engine.Conversation;
using ConversationalCommerce.Data.CustomIntents;
using ConversationalCommerce.Engine.CustomIntents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConversationalCommerce.Data.Conversations;

public static class ConversationStoreServiceCollectionExtensions
{
    /// <summary>The database behind the conversation engine: threads and messages, shop profile, purchase statistics, customer profiles, custom intents.</summary>
    public static IServiceCollection AddDatabaseConversationStore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PurchaseStatsOptions>().BindConfiguration(PurchaseStatsOptions.Section);
        services.AddOptions<TurnCommitOptions>().BindConfiguration(TurnCommitOptions.Section)
            .Validate(o => o.MaxBatch >= 1, "TurnCommits:MaxBatch must be at least 1.");
        services.AddSingleton<TurnCommitQueue>();
        services.AddSingleton<IConversationStore, EfConversationStore>();
        services.AddSingleton<IShopProfileSource, EfShopProfileSource>();
        services.AddSingleton<IPurchaseStatsSource, EfPurchaseStatsSource>();
        services.AddSingleton<ICustomerProfileSource, EfCustomerProfileSource>();
        services.AddSingleton<ICustomIntentStore, EfCustomIntentStore>();
        return services;
    }
}
