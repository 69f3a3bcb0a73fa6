using ConversationalCommerce.Engine.Conversation.Turns;
using ConversationalCommerce.Engine.CustomIntents;
using ConversationalCommerce.Engine.Recommendations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConversationalCommerce.Engine.Conversation;

public static class ConversationEngineRegistration
{
    /// <summary>
    /// The conversation service, the offline turn engine with its responders and the recommenders. Needs the
    /// intent detection, the catalog search and the stores (Data's AddDatabaseConversationStore). ITurnEngine is the
    /// offline engine unless something (the LLM mode) registered its own first; OfflineTurnEngine stays resolvable for fallback.
    /// </summary>
    public static IServiceCollection AddConversationEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConversationOptions>().Bind(configuration.GetSection(ConversationOptions.Section))
            .Validate(o => o.MaxWriteAttempts >= 1, "Conversations:MaxWriteAttempts must be at least 1.")
            .Validate(o => o.HistorySize >= 0, "Conversations:HistorySize must not be negative.")
            .Validate(o => o.MaxMessageLength > 0, "Conversations:MaxMessageLength must be positive.");
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<ProductRetriever>();
        services.AddSingleton<SearchRecommender>();
        services.AddSingleton<GiftFinder>();
        services.AddSingleton<ProductComparer>();
        services.AddSingleton<SinglePick>();
        services.AddSingleton<BoughtTogether>();

        services.AddSingleton<ITurnResponder, BrowseResponder>();
        services.AddSingleton<ITurnResponder, GiftResponder>();
        services.AddSingleton<ITurnResponder, CompareResponder>();
        services.AddSingleton<ITurnResponder, PickOneResponder>();
        services.AddSingleton<ITurnResponder, SmallTalkResponder>();
        services.AddSingleton<ITurnResponder, StopResponder>();
        services.AddSingleton<ITurnResponder, HandoffResponder>();
        services.AddSingleton<ITurnResponder, ClarifyResponder>();
        services.AddSingleton<ITurnResponder, CustomIntentResponder>();
        services.AddSingleton<ITurnResponder, ProductQuestionResponder>();
        services.AddSingleton<ITurnResponder, AvailabilityResponder>();
        services.AddSingleton<ITurnResponder, PriceResponder>();
        services.AddSingleton<ITurnResponder, OrderStatusResponder>();
        services.AddSingleton<ITurnResponder, PolicyResponder>();
        services.AddSingleton<ITurnResponder, AddToCartResponder>();
        services.AddSingleton<ITurnResponder, PairsWithResponder>();

        services.AddSingleton<CustomIntentService>();
        services.AddHostedService<CustomIntentWarmUp>();

        services.AddSingleton<OfflineTurnEngine>();
        services.TryAddSingleton<ITurnEngine>(sp => sp.GetRequiredService<OfflineTurnEngine>());
        services.TryAddSingleton<IConversationEvents, NoConversationEvents>();
        services.AddSingleton<ConversationService>();
        services.TryAddSingleton<IConversationService>(sp => sp.GetRequiredService<ConversationService>());
        services.TryAddSingleton<IConversationReader>(sp => sp.GetRequiredService<ConversationService>());
        return services;
    }
}
