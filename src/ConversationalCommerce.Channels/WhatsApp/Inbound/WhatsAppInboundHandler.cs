using ConversationalCommerce.Channels.Delivery;
using ConversationalCommerce.Channels.Identity;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Customers;
using ConversationalCommerce.Domain.Messaging;
using ConversationalCommerce.Engine.Conversation;
using ConversationalCommerce.Engine.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Channels.WhatsApp.Inbound;

/// <summary>
/// One inbound WhatsApp message, from the inbox: who sent it (the phone's profile), consent words, then the turn
/// through the conversation service and the reply into the outbox. Safe to run again for the same message.
/// </summary>
public sealed class WhatsAppInboundHandler(
    AppDbContext db,
    CustomerIdentities identities,
    CustomerThreads threads,
    ChannelConsent consent,
    IConversationService conversations,
    ReplyDelivery delivery,
    ChannelNotices notices,
    ContinuityCodes continuityCodes,
    ILogger<WhatsAppInboundHandler> log)
{
    /// <summary>WhatsApp allows 4096 characters; the assistant reads questions, not essays.</summary>
    public const int MaxTextLength = 2000;

    public async Task HandleAsync(InboxMessage row, CancellationToken cancellationToken)
    {
        var message = InboundMessage.FromInboxBody(row.Body);
        var phone = IdentityValues.ToE164(message.From)
            ?? throw new InboxMessageIgnoredException("The sender's WhatsApp id is not a valid phone number.");
        var identity = await identities.ResolveAsync(
            new IdentityClaim(ChannelIdentityKind.Phone, phone, IdentityEvidence.WhatsAppInbound), cancellationToken);
        await consent.RecordInboundOptInAsync(identity.Id, IdentityEvidence.WhatsAppInbound, cancellationToken);
        var shopName = await ShopNameAsync(row, cancellationToken);

        if (ConsentKeywords.IsOptOut(message.Text))
        {
            if (await consent.OptOutAsync(identity.Id, "whatsapp-stop", cancellationToken))
                await NoticeAsync(identity.CustomerId, phone, message, WhatsAppNoticeTexts.OptedOut(shopName), OutboxPurpose.OptOutConfirmation, cancellationToken);
            log.LogInformation("WhatsApp customer {CustomerId} opted out", identity.CustomerId);
            return;
        }
        if (ConsentKeywords.IsOptIn(message.Text) && await consent.OptInAgainAsync(identity.Id, "whatsapp-start", cancellationToken))
        {
            await NoticeAsync(identity.CustomerId, phone, message, WhatsAppNoticeTexts.OptedIn(shopName), OutboxPurpose.Notice, cancellationToken);
            return;
        }
        if (await TryContinueWidgetChatAsync(row.ShopId!.Value, identity, phone, message, shopName, cancellationToken)) return;
        if (!message.IsSupported)
        {
            await NoticeAsync(identity.CustomerId, phone, message with { Text = $"[{message.Type}]" }, WhatsAppNoticeTexts.Unsupported, OutboxPurpose.Notice, cancellationToken);
            return;
        }

        var text = await ShopperTextAsync(message, cancellationToken);
        if (text.Length > MaxTextLength)
        {
            await NoticeAsync(identity.CustomerId, phone, message with { Text = text[..MaxTextLength] }, WhatsAppNoticeTexts.TooLong, OutboxPurpose.Notice, cancellationToken);
            return;
        }

        var conversationId = (await threads.CurrentAsync(identity.CustomerId, cancellationToken))?.Id ?? Guid.NewGuid();
        TurnResult turn;
        try
        {
            turn = await conversations.HandleAsync(new ShopperMessage(row.ShopId!.Value, conversationId, Channel.WhatsApp, text,
                message.Wamid, identity.CustomerId), cancellationToken);
        }
        catch (ArgumentException ex) when (ex.ParamName == "message")
        {
            // The conversation service refuses what it cannot take (too long): answer politely, lose nothing.
            log.LogInformation("WhatsApp message refused by the conversation service: {Reason}", ex.Message);
            await NoticeAsync(identity.CustomerId, phone, message with { Text = text }, WhatsAppNoticeTexts.TooLong, OutboxPurpose.Notice, cancellationToken);
            return;
        }

        // A merchant has the thread: the message waits for them (at most the one takeover notice goes out).
        if (turn.Assistant is null) return;
        var purpose = OutboxPurpose.Reply;
        if (turn.Reply.Actions.Any(a => a.Kind == ReplyActions.OptOut))
        {
            // The assistant recognised an opt-out our keywords missed: honour it, and its reply is the one confirmation.
            if (!await consent.OptOutAsync(identity.Id, "whatsapp-assistant", cancellationToken)) return;
            purpose = OutboxPurpose.OptOutConfirmation;
        }
        await delivery.DeliverAsync(turn.Assistant.Id, turn.Reply, Channel.WhatsApp, cancellationToken, purpose);
    }

    /// <summary>
    /// A continuity code from the widget: verified evidence that this phone belongs to the widget's customer. The
    /// phone is linked to that customer (profiles merged, threads folded into the widget's conversation) and the
    /// chat goes on there. Text that merely looks like a code and redeems nothing is an ordinary message.
    /// </summary>
    private async Task<bool> TryContinueWidgetChatAsync(Guid shopId, ChannelIdentity identity, string phone, InboundMessage message, string shopName,
        CancellationToken cancellationToken)
    {
        if (message.Type != "text" || !ContinuityCodes.TryFind(message.Text, out var code)) return false;
        var redemption = await continuityCodes.RedeemAsync(shopId, code, cancellationToken);
        if (redemption is null) return false;

        var claim = new IdentityClaim(ChannelIdentityKind.Phone, phone, IdentityEvidence.ContinuityCode);
        var link = await identities.LinkAsync(redemption.CustomerId ?? identity.CustomerId, claim, redemption.ConversationId, cancellationToken);
        if (link.Status == LinkStatus.Conflict)
        {
            // Recorded for the merchant; the customer carries on in this number's own thread.
            await NoticeAsync(identity.CustomerId, phone, message, WhatsAppNoticeTexts.NotContinued, OutboxPurpose.Notice, cancellationToken);
            return true;
        }
        await notices.SendAsync(redemption.ConversationId, Channel.WhatsApp, phone, WhatsAppNoticeTexts.Continued(shopName), OutboxPurpose.Notice,
            "notice:" + message.Wamid, new InboundNote(message.Text ?? "", message.Wamid), cancellationToken);
        log.LogInformation("WhatsApp customer {CustomerId} continued widget conversation {ConversationId}", link.CustomerId, redemption.ConversationId);
        return true;
    }

    /// <summary>A tapped list row asks about its product; a tapped button says its quick reply; else the text.</summary>
    private async Task<string> ShopperTextAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        if (InteractiveReplyIds.TryProduct(message.ReplyId, out var productId))
        {
            var title = await db.Products.AsNoTracking().Where(p => p.Id == productId).Select(p => p.Title).FirstOrDefaultAsync(cancellationToken);
            if (title is not null) return $"Tell me more about {title}";
        }
        if (InteractiveReplyIds.TryQuickReply(message.ReplyId, out var quickReply)) return quickReply;
        return (message.Text ?? "").Trim();
    }

    private async Task NoticeAsync(Guid customerId, string phone, InboundMessage inbound, string text, string purpose, CancellationToken cancellationToken)
    {
        var conversation = await threads.CurrentOrStartAsync(customerId, Channel.WhatsApp, cancellationToken);
        await notices.SendAsync(conversation.Id, Channel.WhatsApp, phone, text, purpose, "notice:" + inbound.Wamid,
            new InboundNote(inbound.Text ?? $"[{inbound.Type}]", inbound.Wamid), cancellationToken);
    }

    private async Task<string> ShopNameAsync(InboxMessage row, CancellationToken cancellationToken)
    {
        var name = await db.Shops.AsNoTracking().Where(s => s.Id == row.ShopId).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(name) ? "We" : name;
    }
}
