using System.Security.Cryptography;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Email;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Channels.Email.Threads;

/// <summary>The email side of conversations: reply and unsubscribe tokens, the customer's address, the subject.</summary>
public sealed class EmailThreads(AppDbContext db, TimeProvider time)
{
    // Local parts are case-insensitive in practice, so tokens use one case only.
    private const string TokenAlphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public Task<EmailThread?> FindByConversationAsync(Guid conversationId, CancellationToken cancellationToken) =>
        db.EmailThreads.FirstOrDefaultAsync(t => t.ConversationId == conversationId, cancellationToken);

    public Task<EmailThread?> FindByReplyTokenAsync(string token, CancellationToken cancellationToken)
    {
        var normalized = token.ToLowerInvariant();
        return db.EmailThreads.FirstOrDefaultAsync(t => t.ReplyToken == normalized, cancellationToken);
    }

    /// <summary>Across shops: an unsubscribe link carries no shop. The caller sets the shop scope from the result.</summary>
    public Task<EmailThread?> FindByUnsubscribeTokenAnyShopAsync(string token, CancellationToken cancellationToken)
    {
        var normalized = token.ToLowerInvariant();
        return db.EmailThreads.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(t => t.UnsubscribeToken == normalized, cancellationToken);
    }

    /// <summary>The conversation's thread, created on first use. A newer subject or address replaces the stored one.</summary>
    public async Task<EmailThread> GetOrCreateAsync(Guid conversationId, string customerAddress, string? subject, CancellationToken cancellationToken)
    {
        var address = customerAddress.Trim().ToLowerInvariant();
        var thread = await FindByConversationAsync(conversationId, cancellationToken);
        if (thread is null)
        {
            thread = new EmailThread
            {
                ConversationId = conversationId,
                ReplyToken = NewToken(),
                UnsubscribeToken = NewToken(),
                CustomerAddress = address,
                Subject = Truncate(subject ?? ""),
                CreatedAt = time.GetUtcNow(),
            };
            db.EmailThreads.Add(thread);
        }
        else
        {
            thread.CustomerAddress = address;
            if (!string.IsNullOrWhiteSpace(subject) && string.IsNullOrWhiteSpace(thread.Subject)) thread.Subject = Truncate(subject);
        }
        await db.SaveChangesAsync(cancellationToken);
        return thread;
    }

    /// <summary>160 random bits in lower-case base32: unguessable, and safe in an address local part.</summary>
    public static string NewToken()
    {
        Span<byte> bytes = stackalloc byte[20];
        RandomNumberGenerator.Fill(bytes);
        var chars = new char[32];
        var bitBuffer = 0;
        var bits = 0;
        var i = 0;
        foreach (var b in bytes)
        {
            bitBuffer = (bitBuffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[i++] = TokenAlphabet[(bitBuffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }
        return new string(chars, 0, i);
    }

    private static string Truncate(string s) => s.Length <= 500 ? s : s[..500];
}
