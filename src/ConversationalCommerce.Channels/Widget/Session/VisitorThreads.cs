using System.Security.Cryptography;
using System.Text;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Data.Inbox;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Channels.Widget.Session;

/// <summary>The customer and the conversation a widget visitor talks in.</summary>
public sealed record VisitorThread(Guid CustomerId, Guid ConversationId);

/// <summary>
/// Finds (or starts) the customer and conversation behind a widget visitor. An anonymous visitor gets a customer of
/// their own; a visitor proven to be a logged-in Shopify customer is linked to that customer, and the threads their
/// anonymous profile started move along, so the conversation carries on after logging in.
/// A visitor without an open thread gets the id of the thread they will start, not a row: the conversation is written
/// with their first message (a page view costs no conversation), and every tab and reload gets the same id meanwhile.
/// </summary>
public sealed class VisitorThreads(AppDbContext db, ShopScope scope, TimeProvider time, ILogger<VisitorThreads> log)
{
    public async Task<VisitorThread> ResolveAsync(Guid visitorId, long? shopifyCustomerId, string? locale, CancellationToken cancellationToken)
    {
        if (!scope.IsSet) throw new InvalidOperationException("Resolving a visitor needs the shop scope.");
        // Two tabs opening at once may race to create the same identity; the unique index lets one win, the other rereads.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await ResolveOnceAsync(visitorId, shopifyCustomerId, locale, cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt < 2 && UniqueViolation.Is(ex))
            {
                log.LogDebug("Visitor identity created concurrently; retrying");
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<VisitorThread> ResolveOnceAsync(Guid visitorId, long? shopifyCustomerId, string? locale, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var value = VisitorTokens.IdentityValue(visitorId);
        var identity = await db.ChannelIdentities
            .FirstOrDefaultAsync(i => i.Kind == ChannelIdentityKind.WidgetVisitor && i.Value == value, ct);

        Guid customerId;
        if (shopifyCustomerId is { } shopifyId)
        {
            var customer = await db.Customers.FirstOrDefaultAsync(c => c.ShopifyId == shopifyId, ct);
            if (customer is null)
            {
                customer = new Customer { ShopifyId = shopifyId, Locale = Trim(locale), CreatedAt = now, UpdatedAt = now };
                db.Customers.Add(customer);
            }
            customerId = customer.Id;
            if (identity is null)
                db.ChannelIdentities.Add(NewVisitorIdentity(customerId, value, "app_proxy_signature", now));
            else if (identity.CustomerId != customerId)
            {
                await AdoptAnonymousThreadsAsync(identity.CustomerId, customerId, ct);
                identity.CustomerId = customerId;
                identity.Evidence = "app_proxy_signature";
                identity.VerifiedAt = now;
            }
        }
        else if (identity is null)
        {
            var customer = new Customer { Locale = Trim(locale), CreatedAt = now, UpdatedAt = now };
            db.Customers.Add(customer);
            customerId = customer.Id;
            db.ChannelIdentities.Add(NewVisitorIdentity(customerId, value, "visitor_token", now));
        }
        else customerId = identity.CustomerId;
        // Saved first so the thread lookup below sees threads moved to the logged-in customer.
        await db.SaveChangesAsync(ct);

        var conversationId = await db.Conversations
            .Where(c => c.CustomerId == customerId && c.Status != ConversationStatus.Closed)
            .OrderByDescending(c => c.LastMessageAt)
            .Select(c => (Guid?)c.Id)
            .FirstOrDefaultAsync(ct);
        conversationId ??= await NextConversationIdAsync(visitorId, customerId, ct);
        return new VisitorThread(customerId, conversationId.Value);
    }

    /// <summary>
    /// Writes the visitor's thread if no message has started it yet, for what must point at a stored conversation
    /// before the first message ("continue on WhatsApp", "email me these"). Safe when a turn writes it concurrently.
    /// </summary>
    public async Task EnsureStartedAsync(VisitorThread thread, CancellationToken cancellationToken)
    {
        if (await db.Conversations.AnyAsync(c => c.Id == thread.ConversationId, cancellationToken)) return;
        var now = time.GetUtcNow();
        db.Conversations.Add(new Conversation
        {
            Id = thread.ConversationId, ShopId = scope.ShopId, CustomerId = thread.CustomerId, StartedAt = now, LastMessageAt = now,
            LastChannel = Channel.Widget, Status = ConversationStatus.Open,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            // The first message (or another tab) wrote it meanwhile: that row is the thread.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// The id the visitor's next thread will have: derived from the visitor (stable across a login) and the number of
    /// threads their customer has had, so it is the same for every tab until the thread is written, and a fresh one
    /// after a thread is closed.
    /// </summary>
    private async Task<Guid> NextConversationIdAsync(Guid visitorId, Guid customerId, CancellationToken ct)
    {
        var ordinal = await db.Conversations.CountAsync(c => c.CustomerId == customerId, ct);
        for (; ; ordinal++)
        {
            var id = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"widget-thread:{visitorId:N}:{ordinal}")).AsSpan(0, 16));
            // Threads moved between customers (a login) can make the count revisit an id that is taken.
            if (!await db.Conversations.IgnoreQueryFilters().AnyAsync(c => c.Id == id, ct)) return id;
        }
    }

    /// <summary>Threads of an anonymous profile (no Shopify id) follow the visitor to the customer they logged in as.</summary>
    private async Task AdoptAnonymousThreadsAsync(Guid fromCustomerId, Guid toCustomerId, CancellationToken ct)
    {
        var anonymous = await db.Customers.AnyAsync(c => c.Id == fromCustomerId && c.ShopifyId == null, ct);
        if (!anonymous) return;
        var threads = await db.Conversations.Where(c => c.CustomerId == fromCustomerId).ToListAsync(ct);
        foreach (var thread in threads) thread.CustomerId = toCustomerId;
    }

    private static ChannelIdentity NewVisitorIdentity(Guid customerId, string value, string evidence, DateTimeOffset now) => new()
    {
        CustomerId = customerId, Kind = ChannelIdentityKind.WidgetVisitor, Value = value, Evidence = evidence, VerifiedAt = now,
    };

    private static string? Trim(string? locale) =>
        string.IsNullOrWhiteSpace(locale) ? null : locale.Trim() is { Length: <= 16 } l ? l : null;
}
