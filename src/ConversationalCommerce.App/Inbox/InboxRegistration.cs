using ConversationalCommerce.App.Hosting;
using ConversationalCommerce.Data.Inbox;

namespace ConversationalCommerce.App.Inbox;

public static class InboxRegistration
{
    /// <summary>The generic inbox: store, Hangfire dispatch on the "inbox" queue, start-up and recurring sweeps.</summary>
    public static IHostApplicationBuilder AddInbox(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<InboxOptions>(builder.Configuration.GetSection(InboxOptions.Section));
        builder.Services.AddInboxStore();
        builder.Services.AddSingleton<IInboxDispatcher, HangfireInboxDispatcher>();
        builder.Services.AddScoped<InboxJob>();
        builder.Services.AddScoped<InboxSweepJob>();
        builder.Services.AddSingleton<IStartupStep, InboxStartupSweep>();
        return builder;
    }
}
