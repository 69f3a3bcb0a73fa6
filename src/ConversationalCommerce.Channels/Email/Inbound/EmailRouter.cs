using ConversationalCommerce.Channels.Email.Threads;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Conversations;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Channels.Email.Inbound;

public enum EmailRoute
{
    ReplyToken,
    ThreadHeaders,
    NewConversation,
}

public sealed record RoutedEmail(Conversation Conversation, EmailRoute Route);

/// <summary>
/// Finds the conversation a mail belongs to: the reply token in a recipient address first (it survives clients that
/// drop headers), then In-Reply-To/References against the Message-IDs we sent or received, else a new conversation
/// for the sender's customer.
/// </summary>
public sealed class EmailRouter(AppDbContext db, EmailThreads threads, EmailContacts contacts, TimeProvider time)
{
    public async Task<RoutedEmail> RouteAsync(InboundEmail mail, string inboundDomain, CancellationToken cancellationToken)
    {
        foreach (var recipient in mail.Recipients)
        {
            var token = EmailAddresses.TokenOf(recipient, EmailAddresses.ReplyPrefix, inboundDomain);
            if (token is null) continue;
            var thread = await threads.FindByReplyTokenAsync(token, cancellationToken);
            var conversation = thread is null ? null : await db.Conversations.FirstOrDefaultAsync(c => c.Id == thread.ConversationId, cancellationToken);
            if (conversation is not null) return new RoutedEmail(conversation, EmailRoute.ReplyToken);
        }

        var byHeaders = await FindByThreadHeadersAsync(mail, cancellationToken);
        if (byHeaders is not null) return new RoutedEmail(byHeaders, EmailRoute.ThreadHeaders);

        var customer = await contacts.FindOrCreateAsync(mail.FromAddress, mail.FromName, cancellationToken);
        var now = time.GetUtcNow();
        var created = new Conversation
        {
            CustomerId = customer.Id,
            StartedAt = now,
            LastMessageAt = now,
            LastChannel = Channel.Email,
            Status = ConversationStatus.Open,
        };
        db.Conversations.Add(created);
        await db.SaveChangesAsync(cancellationToken);
        return new RoutedEmail(created, EmailRoute.NewConversation);
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
        // Their earlier mails (stored as the shopper message's external id) or ids recorded for ours.
        conversationId ??= await db.Messages.Where(m => m.Channel == Channel.Email && m.ExternalId != null && ids.Contains(m.ExternalId))
            .OrderByDescending(m => m.CreatedAt).Select(m => (Guid?)m.ConversationId).FirstOrDefaultAsync(cancellationToken);
        return conversationId is null ? null : await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
    }
}
