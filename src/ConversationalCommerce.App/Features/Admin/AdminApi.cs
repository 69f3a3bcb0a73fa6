using ConversationalCommerce.App.Features.Admin.Live;
using ConversationalCommerce.Engine.Conversation;
using ConversationalCommerce.Shopify.Auth;

namespace ConversationalCommerce.App.Features.Admin;

/// <summary>
/// The embedded merchant admin: its API under /api/admin (every endpoint behind the Shopify session, shop-scoped,
/// so a merchant only ever reads and writes their own shop) and the page at /admin.
/// </summary>
public static class AdminApi
{
    public static IHostApplicationBuilder AddMerchantAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<MerchantReplies>();
        // Replaces the engine's silent default whichever registers first: every stored turn reaches the live admin.
        builder.Services.AddSingleton<AdminEvents>();
        builder.Services.AddSingleton<IConversationEvents>(sp => sp.GetRequiredService<AdminEvents>());
        return builder;
    }

    public static IEndpointRouteBuilder MapMerchantAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Merchant admin").RequireShopifySession();
        admin.MapGet("/overview", AdminOverview.GetAsync).WithName("GetAdminOverview").WithSummary("Shop, catalog, customers, orders, conversations and sync at a glance");
        admin.MapGet("/conversations", AdminConversations.ListAsync).WithName("ListAdminConversations").WithSummary("Conversations, newest first, filtered by status, channel and text");
        admin.MapGet("/conversations/{id:guid}", AdminConversations.GetAsync).WithName("GetAdminConversation").WithSummary("The whole thread across channels, with replies and delivery status");
        admin.MapPost("/conversations/{id:guid}/messages", AdminConversations.ReplyAsync).WithName("PostMerchantReply").WithSummary("A merchant's reply, delivered on the customer's channel (human takeover)");
        admin.MapPost("/conversations/{id:guid}/status", AdminConversations.SetStatusAsync).WithName("SetConversationStatus").WithSummary("Open (hand back to the assistant), HandedOff (take over), WaitingForHuman or Closed");
        admin.MapGet("/analytics", AdminAnalytics.GetAsync).WithName("GetAdminAnalytics").WithSummary("Conversation and recommendation figures over the last days");
        admin.MapGet("/settings", AdminSettings.GetAsync).WithName("GetAdminSettings").WithSummary("Assistant and policy settings (no channel secrets)");
        admin.MapPut("/settings", AdminSettings.PutAsync).WithName("PutAdminSettings").WithSummary("Updates assistant and policy settings");
        admin.MapGet("/intents", AdminIntents.ListAsync).WithName("ListAdminIntents").WithSummary("The shop's custom intents, the built-in ones and whether retraining runs");
        admin.MapPut("/intents/{name}", AdminIntents.PutAsync).WithName("PutAdminIntent").WithSummary("Adds or replaces a custom intent; retrains in the background");
        admin.MapDelete("/intents/{name}", AdminIntents.DeleteAsync).WithName("DeleteAdminIntent").WithSummary("Deletes a custom intent; retrains in the background");
        app.MapHub<AdminHub>(AdminHub.Path);
        app.MapAdminPage();
        return app;
    }
}
