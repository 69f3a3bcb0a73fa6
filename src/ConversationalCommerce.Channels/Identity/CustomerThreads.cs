using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Conversations;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Channels.Identity;

/// <summary>One customer, one conversation across channels: finds a customer's thread and folds other threads into it.</summary>
public sealed class CustomerThreads(AppDbContext db, TimeProvider time)
{
    /// <summary>The customer's most recent thread, or null.</summary>
    public Task<Conversation?> CurrentAsync(Guid customerId, CancellationToken cancellationToken) =>
        db.Conversations.AsNoTracking()
            .Where(c => c.CustomerId == customerId)
            .OrderByDescending(c => c.LastMessageAt)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The customer's thread, started (empty) when there is none yet.</summary>
    public async Task<Conversation> CurrentOrStartAsync(Guid customerId, Channel channel, CancellationToken cancellationToken)
    {
        if (await CurrentAsync(customerId, cancellationToken) is { } existing) return existing;
        var now = time.GetUtcNow();
        var conversation = new Conversation
        {
            CustomerId = customerId, StartedAt = now, LastMessageAt = now, LastChannel = channel,
            Status = ConversationStatus.Open,
        };
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(conversation).State = EntityState.Detached;
        return conversation;
    }

    /// <summary>
    /// Moves every message (and pending send) of the customer's other threads into <paramref name="targetId"/>,
    /// appended after its own messages in their original order, then removes the emptied threads. The target keeps
    /// its state (products shown, slots), so "the second one" still means what the customer last saw there.
    /// Does not save: the caller saves it with the rest of the merge.
    /// </summary>
    public async Task FoldIntoAsync(Guid targetId, Guid survivorId, IReadOnlyCollection<Guid> customerIds, CancellationToken cancellationToken)
    {
        var target = await db.Conversations.FirstAsync(c => c.Id == targetId, cancellationToken);
        var others = await db.Conversations
            .Where(c => c.Id != targetId && c.CustomerId != null && customerIds.Contains(c.CustomerId.Value))
            .OrderBy(c => c.StartedAt)
            .ToListAsync(cancellationToken);
        foreach (var other in others)
        {
            var messages = await db.Messages.Where(m => m.ConversationId == other.Id).OrderBy(m => m.Seq).ToListAsync(cancellationToken);
            foreach (var message in messages)
            {
                message.ConversationId = target.Id;
                message.Seq = ++target.LastSeq;
            }
            var sends = await db.Outbox.Where(o => o.ConversationId == other.Id).ToListAsync(cancellationToken);
            foreach (var send in sends) send.ConversationId = target.Id;
            if (other.LastMessageAt > target.LastMessageAt)
            {
                target.LastMessageAt = other.LastMessageAt;
                target.LastChannel = other.LastChannel;
            }
            target.PreferredChannel ??= other.PreferredChannel;
        }
        target.CustomerId = survivorId;
        target.Version = Guid.NewGuid();
        // The emptied threads go after the moves are saved (their messages would otherwise cascade with them).
        _emptied.AddRange(others);
    }

    private readonly List<Conversation> _emptied = [];

    /// <summary>Removes the threads emptied by <see cref="FoldIntoAsync"/>; call after saving the moves.</summary>
    public async Task RemoveEmptiedAsync(CancellationToken cancellationToken)
    {
        if (_emptied.Count == 0) return;
        db.Conversations.RemoveRange(_emptied);
        _emptied.Clear();
        await db.SaveChangesAsync(cancellationToken);
    }
}
