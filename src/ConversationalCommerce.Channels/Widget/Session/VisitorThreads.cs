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
/// <param name="CustomerStored">False for an anonymous visitor who has not written yet: the customer's id is known
/// (derived from the visitor) but no row exists; <see cref="VisitorThreads.EnsureCustomerAsync"/> writes it.</param>
public sealed record VisitorThread(Guid CustomerId, Guid ConversationId, bool CustomerStored = true);

/// <summary>
/// Finds (or starts) the customer and conversation behind a widget visitor. An anonymous visitor gets a customer of
/// their own; a visitor proven to be a logged-in Shopify customer is linked to that customer, and the threads their
/// anonymous profile started move along, so the conversation carries on after logging in.
/// A visitor without an open thread gets the id of the thread they will start, not a row: the conversation is written
/// with their first message (a page view costs no conversation), and every tab and reload gets the same id meanwhile.
/// Likewise an anonymous visitor's customer and identity are written when they first act (a message, a WhatsApp
/// link, an email opt-in), under an id derived from the visitor: page views and bots leave no customer rows.
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
            // Nothing stored yet, and so no thread either: the id of the thread they would start.
            customerId = AnonymousCustomerId(visitorId);
            return new VisitorThread(customerId, await NextConversationIdAsync(visitorId, threadsSoFar: 0, ct), CustomerStored: false);
        }
        else customerId = identity.CustomerId;
        // Saved first so the thread lookup below sees threads moved to the logged-in customer.
        await db.SaveChangesAsync(ct);

        var conversationId = await db.Conversations
            .Where(c => c.CustomerId == customerId && c.Status != ConversationStatus.Closed)
            .OrderByDescending(c => c.LastMessageAt)
            .Select(c => (Guid?)c.Id)
            .FirstOrDefaultAsync(ct);
        conversationId ??= await NextConversationIdAsync(visitorId,
            await db.Conversations.CountAsync(c => c.CustomerId == customerId, ct), ct);
        return new VisitorThread(customerId, conversationId.Value);
    }

    /// <summary>
    /// Writes the anonymous visitor's customer and identity if they are not stored yet; the thread returned names the
    /// customer the visitor's identity points at (another tab may have stored it, or linked it to a logged-in customer,
    /// meanwhile).
    /// </summary>
    public async Task<VisitorThread> EnsureCustomerAsync(Guid visitorId, VisitorThread thread, CancellationToken cancellationToken)
    {
        if (thread.CustomerStored) return thread;
        return thread with { CustomerId = await StoreCustomerAsync(visitorId, thread.CustomerId, cancellationToken), CustomerStored = true };
    }

    private async Task<Guid> StoreCustomerAsync(Guid visitorId, Guid customerId, CancellationToken cancellationToken)
    {
        if (!scope.IsSet) throw new InvalidOperationException("Storing a visitor needs the shop scope.");
        var value = VisitorTokens.IdentityValue(visitorId);
        for (var attempt = 0; ; attempt++)
        {
            var stored = await db.ChannelIdentities.AsNoTracking()
                .Where(i => i.Kind == ChannelIdentityKind.WidgetVisitor && i.Value == value)
                .Select(i => (Guid?)i.CustomerId).FirstOrDefaultAsync(cancellationToken);
            if (stored is { } existing) return existing;
            var now = time.GetUtcNow();
            db.Customers.Add(new Customer { Id = customerId, CreatedAt = now, UpdatedAt = now });
            db.ChannelIdentities.Add(NewVisitorIdentity(customerId, value, "visitor_token", now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return customerId;
            }
            catch (DbUpdateException ex) when (attempt < 2 && UniqueViolation.Is(ex))
            {
                // Another tab stored the same visitor first: theirs is the row.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// Writes the visitor's customer and thread if no message has started them yet, for what must point at a stored
    /// conversation before the first message ("continue on WhatsApp", "email me these"). Safe when a turn writes it
    /// concurrently. Returns the thread as stored.
    /// </summary>
    public async Task<VisitorThread> EnsureStartedAsync(Guid visitorId, VisitorThread thread, CancellationToken cancellationToken)
    {
        thread = await EnsureCustomerAsync(visitorId, thread, cancellationToken);
        if (await db.Conversations.AnyAsync(c => c.Id == thread.ConversationId, cancellationToken)) return thread;
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
        return thread;
    }

    /// <summary>
    /// The id the visitor's next thread will have: derived from the visitor (stable across a login) and the number of
    /// threads their customer has had (none for a customer not stored yet), so it is the same for every tab until the
    /// thread is written, and a fresh one after a thread is closed.
    /// </summary>
    private async Task<Guid> NextConversationIdAsync(Guid visitorId, int threadsSoFar, CancellationToken ct)
    {
        for (var ordinal = threadsSoFar; ; ordinal++)
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

    /// <summary>The customer id an anonymous visitor gets: the same for every tab and node, before any row exists.</summary>
    public static Guid AnonymousCustomerId(Guid visitorId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"widget-customer:{visitorId:N}")).AsSpan(0, 16));

    private static ChannelIdentity NewVisitorIdentity(Guid customerId, string value, string evidence, DateTimeOffset now) => new()
    {
        CustomerId = customerId, Kind = ChannelIdentityKind.WidgetVisitor, Value = value, Evidence = evidence, VerifiedAt = now,
    };

    private static string? Trim(string? locale) =>
        string.IsNullOrWhiteSpace(locale) ? null : locale.Trim() is { Length: <= 16 } l ? l : null;
}
