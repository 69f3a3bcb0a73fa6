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
        var sender = await contacts.ResolveSenderAsync(mail.FromAddress, cancellationToken);

        foreach (var recipient in mail.Recipients)
        {
            var token = EmailAddresses.TokenOf(recipient, EmailAddresses.ReplyPrefix, inboundDomain);
            if (token is null) continue;
            var thread = await threads.FindByReplyTokenAsync(token, cancellationToken);
            var conversation = thread is null ? null : await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == thread.ConversationId, cancellationToken);
            if (conversation is null) continue;
            return new RoutedEmail(conversation.Id, await OwnerAsync(conversation, sender.CustomerId, mail, cancellationToken), EmailRoute.ReplyToken);
        }

        var byHeaders = await FindByThreadHeadersAsync(mail, cancellationToken);
        if (byHeaders is not null)
            return new RoutedEmail(byHeaders.Id, await OwnerAsync(byHeaders, sender.CustomerId, mail, cancellationToken), EmailRoute.ThreadHeaders);

        var current = await customerThreads.CurrentAsync(sender.CustomerId, cancellationToken);
        return new RoutedEmail(current?.Id ?? Guid.NewGuid(), sender.CustomerId, EmailRoute.Sender);
    }

    /// <summary>
    /// Answering our mail in a customer's thread shows the sender reads that customer's mailbox: the sender's address
    /// is linked to (or merged with) the thread's customer. Threads without a customer take the sender's.
    /// </summary>
    private async Task<Guid> OwnerAsync(Conversation conversation, Guid senderCustomerId, InboundEmail mail, CancellationToken cancellationToken)
    {
        if (conversation.CustomerId is not { } owner)
        {
            await db.Conversations.Where(c => c.Id == conversation.Id && c.CustomerId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, senderCustomerId), cancellationToken);
            return senderCustomerId;
        }
        if (owner == senderCustomerId) return owner;
        var link = await contacts.LinkByReplyTokenAsync(owner, mail.FromAddress, conversation.Id, cancellationToken);
        return link.Status == LinkStatus.Conflict ? owner : link.CustomerId;
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
