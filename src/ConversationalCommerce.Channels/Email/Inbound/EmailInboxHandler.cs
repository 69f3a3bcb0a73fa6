using ConversationalCommerce.Channels.Delivery;
using ConversationalCommerce.Channels.Email.Outbound;
using ConversationalCommerce.Channels.Email.Settings;
using ConversationalCommerce.Channels.Email.Threads;
using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Engine.Conversation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Channels.Email.Inbound;

/// <summary>
/// Applies one received mail (inbox source "email"): never answers machines (auto-replies, bounces, loops), honours
/// unsubscribe requests, routes the mail to its conversation, hands the new text (quoted history stripped) to the
/// conversation service and queues the answer in the outbox for the same thread. Safe to run again.
/// </summary>
public sealed class EmailInboxHandler(
    EmailSettingsStore settingsStore,
    EmailRouter router,
    EmailThreads threads,
    EmailContacts contacts,
    IConversationService conversations,
    ReplyDelivery delivery,
    IOptions<EmailOptions> options,
    ILogger<EmailInboxHandler> log) : IInboxHandler
{
    /// <summary>The assistant reads questions, not essays; longer mails are cut here (the rest is usually history).</summary>
    public const int MaxTextLength = 2000;
    private static readonly string[] UnsubscribeWords = ["unsubscribe", "stop", "unsubscribe me", "please unsubscribe me", "remove me"];

    public string Source => EmailIntake.Source;

    public async Task HandleAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        if (message.ShopId is not { } shopId) throw new InboxMessageIgnoredException("Email without a shop.");
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
        if (Identity.IdentityValues.Normalize(Domain.Customers.ChannelIdentityKind.Email, mail.FromAddress) is null)
            throw new InboxMessageIgnoredException("The sender address is not valid.");

        if (await IsUnsubscribeAsync(mail, settings, cancellationToken))
        {
            log.LogInformation("Email {InboxId}: unsubscribe recorded", message.Id);
            return;
        }
        if (string.IsNullOrWhiteSpace(mail.NewText))
            throw new InboxMessageIgnoredException("Nothing new in the mail (only quoted text or an empty body).");

        var routed = await router.RouteAsync(mail, settings.InboundDomain, cancellationToken);
        log.LogInformation("Email {InboxId} routed by {Route} to conversation {ConversationId}", message.Id, routed.Route, routed.ConversationId);

        var text = mail.NewText.Length <= MaxTextLength ? mail.NewText : mail.NewText[..MaxTextLength];
        var turn = await conversations.HandleAsync(
            new ShopperMessage(shopId, routed.ConversationId, Channel.Email, text, mail.MessageId, routed.CustomerId), cancellationToken);

        // The thread keeps the subject and the address the answer goes to; a redelivery finds both in place.
        await threads.GetOrCreateAsync(turn.Shopper.ConversationId, mail.FromAddress, mail.Subject, cancellationToken);
        // Held for a merchant who took the thread over: nothing to send (or only the one takeover notice).
        if (turn.Assistant is null) return;
        // A repeat of the same mail (retry after a crash) writes no second outbox row.
        await delivery.DeliverAsync(turn.Assistant.Id, turn.Reply, Channel.Email, cancellationToken);
    }

    /// <summary>Mail to unsubscribe+token@, or a reply that says nothing but "unsubscribe"/"stop": recorded, not answered.</summary>
    private async Task<bool> IsUnsubscribeAsync(InboundEmail mail, ShopEmailSettings settings, CancellationToken cancellationToken)
    {
        var byAddress = mail.Recipients.Any(r => EmailAddresses.TokenOf(r, EmailAddresses.UnsubscribePrefix, settings.InboundDomain) is not null);
        var words = Normalize(mail.NewText);
        var subject = Normalize(mail.Subject.Replace("Re:", "", StringComparison.OrdinalIgnoreCase));
        var asked = byAddress || UnsubscribeWords.Contains(words) || (words.Length == 0 && UnsubscribeWords.Contains(subject));
        if (!asked) return false;
        await contacts.OptOutAsync(mail.FromAddress, byAddress ? EmailContacts.OptOutByLink : EmailContacts.OptOutByReply, cancellationToken);
        return true;
    }

    private static string Normalize(string s) =>
        string.Join(' ', s.ToLowerInvariant().Split([' ', '\n', '\r', '\t', '.', '!'], StringSplitOptions.RemoveEmptyEntries));
}
