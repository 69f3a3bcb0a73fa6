using ConversationalCommerce.Data.Conversations;
using ConversationalCommerce.Engine.Conversation;

namespace ConversationalCommerce.App.Features.Conversations;

public static class ConversationsRegistration
{
    /// <summary>The conversation engine over the database: one service every channel calls.</summary>
    public static IHostApplicationBuilder AddConversations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDatabaseConversationStore();
        builder.Services.AddConversationEngine(builder.Configuration);
        builder.Services.Configure<HeadlessApiOptions>(builder.Configuration.GetSection(HeadlessApiOptions.Section));
        return builder;
    }

    public static IEndpointRouteBuilder MapConversations(this IEndpointRouteBuilder app) => app.MapConversationsApi().MapCustomIntentsApi();
}
