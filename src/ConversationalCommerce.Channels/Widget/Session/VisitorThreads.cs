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
        if (conversationId is null)
        {
            var conversation = new Conversation
            {
                CustomerId = customerId, StartedAt = now, LastMessageAt = now, LastChannel = Channel.Widget, Status = ConversationStatus.Open,
            };
            db.Conversations.Add(conversation);
            conversationId = conversation.Id;
        }
        await db.SaveChangesAsync(ct);
        return new VisitorThread(customerId, conversationId.Value);
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
