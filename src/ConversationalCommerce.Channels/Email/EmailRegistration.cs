using ConversationalCommerce.Channels.Delivery;
using ConversationalCommerce.Channels.Email.Imap;
using ConversationalCommerce.Channels.Email.Inbound;
using ConversationalCommerce.Channels.Email.Outbound;
using ConversationalCommerce.Channels.Email.Settings;
using ConversationalCommerce.Channels.Email.Threads;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Inbox;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ConversationalCommerce.Channels.Email;

public static class EmailRegistration
{
    /// <summary>The email channel: settings store, SMTP sender, intake (IMAP poller and webhook), inbox handler.</summary>
    public static IHostApplicationBuilder AddEmailChannel(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<EmailOptions>(builder.Configuration.GetSection(EmailOptions.Section));
        var testOnly = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing");
        services.AddOptions<EmailOptions>()
            .Validate(o => testOnly || string.IsNullOrWhiteSpace(o.TestOnlyTrustedCaFile),
                "Email:TestOnlyTrustedCaFile is for tests only; production validates mail server certificates against the system trust store.")
            .ValidateOnStart();
        services.AddSingleton<MailTls>();
        // Credentials are encrypted with keys kept in the database, so every node can read them.
        services.AddDataProtection().PersistKeysToDbContext<AppDbContext>();
        services.AddScoped<EmailSettingsStore>();
        services.AddScoped<EmailThreads>();
        services.AddScoped<EmailContacts>();
        services.AddScoped<EmailRouter>();
        services.AddScoped<EmailIntake>();
        services.AddScoped<EmailUnsubscribe>();
        services.AddSingleton<SmtpDelivery>();
        services.AddChannelSender<EmailSender>();
        services.AddInboxHandler<EmailInboxHandler>();
        services.AddHostedService<ImapPoller>();
        return builder;
    }
}
