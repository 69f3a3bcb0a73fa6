using ConversationalCommerce.Channels.Delivery;
using ConversationalCommerce.Channels.Email.Outbound;
using ConversationalCommerce.Channels.Email.Settings;
using ConversationalCommerce.Channels.Email.Threads;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Engine.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Channels.Email.Inbound;

/// <summary>
/// Applies one received mail (inbox source "email"): never answers machines (auto-replies, bounces, loops), honours
/// unsubscribe requests, routes the mail to its conversation, hands the new text (quoted history stripped) to the
/// conversation service and queues the answer in the outbox for the same thread.
/// </summary>
public sealed class EmailInboxHandler(
    AppDbContext db,
    EmailSettingsStore settingsStore,
    EmailRouter router,
    EmailThreads threads,
    EmailContacts contacts,
    IServiceProvider services,
    ReplyDelivery delivery,
    IOptions<EmailOptions> options,
    ILogger<EmailInboxHandler> log) : IInboxHandler
{
    private static readonly string[] UnsubscribeWords = ["unsubscribe", "stop", "unsubscribe me", "please unsubscribe me", "remove me"];

    public string Source => EmailIntake.Source;

    public async Task HandleAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        if (message.ShopId is null) throw new InboxMessageIgnoredException("Email without a shop.");
        var settings = await settingsStore.GetAsync(cancellationToken)
            ?? throw new InboxMessageIgnoredException("The shop has no email settings any more.");

        var mime = EmailIntake.Load(message);
        var (kind, reason) = AutomatedMail.Classify(mime, ReplyEmailComposer.LoopMarker(settings), options.Value.LoopReferenceLimit);
        if (kind != AutomatedKind.None)
        {
            log.LogInformation("Email {InboxId} not answered: {Kind} ({Reason})", message.Id, kind, reason);
            throw new InboxMessageIgnoredException($"{kind}: {reason}");
        }

        var mail = InboundEmail.From(mime, message.DedupeKey);
        if (mail.FromAddress.Equals(settings.FromAddress, StringComparison.OrdinalIgnoreCase))
            throw new InboxMessageIgnoredException("Loop: sent from our own address.");

        if (await IsUnsubscribeAsync(mail, settings, cancellationToken))
            return;

        if (string.IsNullOrWhiteSpace(mail.NewText))
            throw new InboxMessageIgnoredException("Nothing new in the mail (only quoted text or an empty body).");

        var routed = await router.RouteAsync(mail, settings.InboundDomain, cancellationToken);
        var conversation = routed.Conversation;
        log.LogInformation("Email {InboxId} routed by {Route} to conversation {ConversationId}", message.Id, routed.Route, conversation.Id);
        if (conversation.CustomerId is null)
        {
            var customer = await contacts.FindOrCreateAsync(mail.FromAddress, mail.FromName, cancellationToken);
            conversation.CustomerId = customer.Id;
            await db.SaveChangesAsync(cancellationToken);
        }
        await threads.GetOrCreateAsync(conversation.Id, mail.FromAddress, mail.Subject, cancellationToken);

        // Resolved here, not in the constructor: the inbox processor builds every source's handler for each row.
        var conversations = services.GetRequiredService<IConversationService>();
        var turn = await conversations.HandleAsync(new ShopperMessage(
            conversation.ShopId, conversation.Id, Channel.Email, mail.NewText, mail.MessageId, conversation.CustomerId), cancellationToken);

        // A redelivered mail or a retry after a crash: answer only if the first run did not get as far as the outbox.
        await delivery.DeliverAsync(turn.Assistant.Id, turn.Reply, Channel.Email, cancellationToken);
    }

    /// <summary>Mail to unsubscribe+token@, or a reply that says nothing but "unsubscribe"/"stop": recorded, not answered.</summary>
    private async Task<bool> IsUnsubscribeAsync(InboundEmail mail, ShopEmailSettings settings, CancellationToken cancellationToken)
    {
        var token = mail.Recipients.Select(r => EmailAddresses.TokenOf(r, EmailAddresses.UnsubscribePrefix, settings.InboundDomain)).FirstOrDefault(t => t is not null);
        var words = Normalize(mail.NewText);
        var subject = Normalize(mail.Subject.Replace("Re:", "", StringComparison.OrdinalIgnoreCase));
        var asked = token is not null
            || UnsubscribeWords.Contains(words)
            || (words.Length == 0 && UnsubscribeWords.Contains(subject));
        if (!asked) return false;

        Guid? customerId = null;
        if (token is not null)
        {
            var thread = await db.EmailThreads.FirstOrDefaultAsync(t => t.UnsubscribeToken == token, cancellationToken);
            if (thread is not null)
                customerId = await db.Conversations.Where(c => c.Id == thread.ConversationId).Select(c => c.CustomerId).FirstOrDefaultAsync(cancellationToken);
        }
        await contacts.OptOutAsync(mail.FromAddress, customerId, token is not null ? EmailContacts.OptOutByLink : EmailContacts.OptOutByReply, cancellationToken);
        log.LogInformation("Email unsubscribe recorded ({Via})", token is not null ? "unsubscribe address" : "reply");
        return true;
    }

    private static string Normalize(string s) =>
        string.Join(' ', s.ToLowerInvariant().Split([' ', '\n', '\r', '\t', '.', '!'], StringSplitOptions.RemoveEmptyEntries));
}
