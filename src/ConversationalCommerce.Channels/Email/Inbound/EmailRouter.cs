using ConversationalCommerce.Channels.Email.Threads;
using ConversationalCommerce.Channels.Identity;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Conversations;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Channels.Email.Inbound;

public enum EmailRoute
{
    ReplyToken,
    ThreadHeaders,
    Sender,
}

/// <param name="ConversationId">May not exist yet (a first mail): the conversation service starts it.</param>
public sealed record RoutedEmail(Guid ConversationId, Guid CustomerId, EmailRoute Route);

/// <summary>
/// Finds the conversation a mail belongs to: the reply token in a recipient address first (it survives clients that
/// drop headers), then In-Reply-To/References against the Message-IDs we sent or received, else the sender's
/// customer (found or created through identity linking) and that customer's current thread, or a new one.
/// </summary>
public sealed class EmailRouter(AppDbContext db, EmailThreads threads, EmailContacts contacts, CustomerThreads customerThreads)
{
    public async Task<RoutedEmail> RouteAsync(InboundEmail mail, string inboundDomain, CancellationToken cancellationToken)
    {
        foreach (var recipient in mail.Recipients)
        {
            var token = EmailAddresses.TokenOf(recipient, EmailAddresses.ReplyPrefix, inboundDomain);
            if (token is null) continue;
            var thread = await threads.FindByReplyTokenAsync(token, cancellationToken);
            var conversation = thread is null ? null : await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == thread.ConversationId, cancellationToken);
            if (conversation is null) continue;
            if (conversation.CustomerId is { } owner)
            {
                // Answering the mail we sent to this customer's token shows the sender reads that customer's mail:
                // the sender's address (an alias, a second mailbox) joins the thread's customer, or its profile is merged.
                var link = await contacts.LinkByReplyTokenAsync(owner, mail.FromAddress, conversation.Id, cancellationToken);
                await contacts.ResolveSenderAsync(mail.FromAddress, cancellationToken);
                return new RoutedEmail(conversation.Id, link.Status == LinkStatus.Conflict ? owner : link.CustomerId, EmailRoute.ReplyToken);
            }
            var first = await contacts.ResolveSenderAsync(mail.FromAddress, cancellationToken);
            return new RoutedEmail(conversation.Id, await AdoptAsync(conversation.Id, first.CustomerId, cancellationToken), EmailRoute.ReplyToken);
        }

        var sender = await contacts.ResolveSenderAsync(mail.FromAddress, cancellationToken);
        var byHeaders = await FindByThreadHeadersAsync(mail, cancellationToken);
        if (byHeaders is not null)
        {
            // Message-IDs are weaker evidence than the token: the thread is continued, no address is linked.
            var owner = byHeaders.CustomerId ?? await AdoptAsync(byHeaders.Id, sender.CustomerId, cancellationToken);
            return new RoutedEmail(byHeaders.Id, owner, EmailRoute.ThreadHeaders);
        }

        var current = await customerThreads.CurrentAsync(sender.CustomerId, cancellationToken);
        return new RoutedEmail(current?.Id ?? Guid.NewGuid(), sender.CustomerId, EmailRoute.Sender);
    }

    /// <summary>A thread without a customer (an anonymous widget chat that asked for email) takes the sender's.</summary>
    private async Task<Guid> AdoptAsync(Guid conversationId, Guid customerId, CancellationToken cancellationToken)
    {
        await db.Conversations.Where(c => c.Id == conversationId && c.CustomerId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, customerId), cancellationToken);
        return await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.CustomerId).FirstAsync(cancellationToken) ?? customerId;
    }

    private async Task<Conversation?> FindByThreadHeadersAsync(InboundEmail mail, CancellationToken cancellationToken)
    {
        // Newest first: In-Reply-To, then References from the end.
        var ids = new List<string>();
        if (!string.IsNullOrWhiteSpace(mail.InReplyTo)) ids.Add(mail.InReplyTo);
        ids.AddRange(mail.References.Reverse());
        ids = ids.Select(i => i.Trim('<', '>', ' ')).Where(i => i.Length > 0).Distinct().Take(50).ToList();
        if (ids.Count == 0) return null;

        var ourOutboxIds = ids.Select(i => EmailAddresses.TryParseMessageId(i, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        Guid? conversationId = null;
        if (ourOutboxIds.Count > 0)
            conversationId = await db.Outbox.Where(o => ourOutboxIds.Contains(o.Id)).OrderByDescending(o => o.CreatedAt)
                .Select(o => (Guid?)o.ConversationId).FirstOrDefaultAsync(cancellationToken);
        // The customer's earlier mails, kept as the shopper message's external id.
        conversationId ??= await db.Messages.Where(m => m.Channel == Channel.Email && m.ExternalId != null && ids.Contains(m.ExternalId))
            .OrderByDescending(m => m.CreatedAt).Select(m => (Guid?)m.ConversationId).FirstOrDefaultAsync(cancellationToken);
        return conversationId is null ? null : await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
    }
}
