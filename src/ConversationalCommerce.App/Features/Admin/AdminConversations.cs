using ConversationalCommerce.App.Features.Admin.Live;
using ConversationalCommerce.Channels.Widget.Hub;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Customers;
using ConversationalCommerce.Engine.Replies;
using ConversationalCommerce.Shopify.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.App.Features.Admin;

public sealed record ConversationRow(
    Guid Id, string Customer, IReadOnlyList<string> Channels, DateTimeOffset LastMessageAt, string Preview,
    string Status, int MessageCount);

public sealed record ConversationPage(int Total, int Limit, int Offset, IReadOnlyList<ConversationRow> Items);

public sealed record ThreadCustomer(Guid Id, string Name, string? Email, string? Phone, IReadOnlyList<ThreadIdentity> Identities);

public sealed record ThreadIdentity(string Kind, DateTimeOffset? OptedOutAt);

/// <summary>One send attempt record of a message on a provider channel (WhatsApp, email).</summary>
public sealed record ThreadDelivery(string Channel, string Status, int Attempts, string? Error, DateTimeOffset? SentAt);

public sealed record ThreadMessage(
    Guid Id, long Seq, string Role, string Channel, string Text, DateTimeOffset CreatedAt,
    string DeliveryStatus, string? DeliveryError, Reply? Reply, IReadOnlyList<ThreadDelivery> Deliveries);

public sealed record ConversationThread(
    Guid Id, string Status, DateTimeOffset StartedAt, DateTimeOffset LastMessageAt, string LastChannel,
    ThreadCustomer? Customer, IReadOnlyList<ThreadMessage> Messages);

public sealed record MerchantReplyRequest(string? Text);

public sealed record StatusRequest(string? Status);

public sealed record StatusView(Guid Id, string Status);

internal static class AdminConversations
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;
    public const int PreviewLength = 140;
    private const string StatusChoices = "Use Open, WaitingForHuman, HandedOff or Closed.";

    public static async Task<Results<Ok<ConversationPage>, ValidationProblem>> ListAsync(
        AppDbContext db, string? status, string? channel, string? q, int? limit, int? offset, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        ConversationStatus? statusFilter = null;
        Channel? channelFilter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.TryParse<ConversationStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s)) statusFilter = s;
            else errors["status"] = [StatusChoices];
        }
        if (!string.IsNullOrWhiteSpace(channel))
        {
            if (Enum.TryParse<Channel>(channel, ignoreCase: true, out var c) && Enum.IsDefined(c)) channelFilter = c;
            else errors["channel"] = ["Use Widget, WhatsApp, Email, Api or Admin."];
        }
        var take = limit ?? DefaultLimit;
        var skip = offset ?? 0;
        if (take is < 1 or > MaxLimit) errors["limit"] = [$"Between 1 and {MaxLimit}."];
        if (skip < 0) errors["offset"] = ["Zero or more."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        // The shop scope (set by the session filter) limits every table below to the merchant's own shop.
        var query = db.Conversations.AsNoTracking();
        if (statusFilter is { } sf) query = query.Where(c => c.Status == sf);
        if (channelFilter is { } cf) query = query.Where(c => c.Messages.Any(m => m.Channel == cf));
        if (!string.IsNullOrWhiteSpace(q))
        {
            // Lower() on both sides: case-insensitive on SQLite and PostgreSQL alike.
            var text = q.Trim().ToLowerInvariant();
            query = query.Where(c => c.Messages.Any(m => m.Text.ToLower().Contains(text)) ||
                db.Customers.Any(cu => cu.Id == c.CustomerId &&
                    ((cu.FirstName ?? "") + " " + (cu.LastName ?? "")).ToLower().Contains(text)));
        }

        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderByDescending(c => c.LastMessageAt).ThenBy(c => c.Id)
            .Skip(skip).Take(take)
            .Select(c => new
            {
                c.Id,
                c.Status,
                c.LastMessageAt,
                Customer = db.Customers.Where(cu => cu.Id == c.CustomerId).Select(cu => new { cu.FirstName, cu.LastName }).FirstOrDefault(),
                Count = c.Messages.Count(),
                Preview = c.Messages.OrderByDescending(m => m.Seq).Select(m => m.Text).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var channels = await db.Messages.AsNoTracking()
            .Where(m => ids.Contains(m.ConversationId) && m.Role == MessageRole.Shopper)
            .Select(m => new { m.ConversationId, m.Channel }).Distinct().ToListAsync(ct);

        var items = rows.Select(r => new ConversationRow(
            r.Id,
            DisplayName(r.Customer?.FirstName, r.Customer?.LastName),
            channels.Where(c => c.ConversationId == r.Id).Select(c => HistoryMessages.ChannelName(c.Channel)).Order().ToList(),
            r.LastMessageAt,
            Preview(r.Preview),
            r.Status.ToString(),
            r.Count)).ToList();
        return TypedResults.Ok(new ConversationPage(total, take, skip, items));
    }

    public static async Task<Results<Ok<ConversationThread>, NotFound>> GetAsync(Guid id, AppDbContext db, CancellationToken ct)
    {
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (conversation is null) return TypedResults.NotFound();

        var messages = await db.Messages.AsNoTracking().Where(m => m.ConversationId == id).OrderBy(m => m.Seq).ToListAsync(ct);
        var deliveries = await db.Outbox.AsNoTracking().Where(o => o.ConversationId == id)
            .OrderBy(o => o.CreatedAt)
            .Select(o => new { o.MessageId, o.Channel, o.Status, o.Attempts, o.Error, o.SentAt })
            .ToListAsync(ct);

        ThreadCustomer? customer = null;
        if (conversation.CustomerId is { } customerId)
        {
            var row = await db.Customers.AsNoTracking().Include(c => c.Identities).FirstOrDefaultAsync(c => c.Id == customerId, ct);
            if (row is not null)
                customer = new ThreadCustomer(row.Id, DisplayName(row.FirstName, row.LastName), row.Email, row.Phone,
                    row.Identities.Where(i => i.Kind is ChannelIdentityKind.Email or ChannelIdentityKind.Phone)
                        .Select(i => new ThreadIdentity(i.Kind.ToString(), i.OptedOutAt)).ToList());
        }

        var thread = messages.Select(m => new ThreadMessage(
            m.Id, m.Seq, HistoryMessages.Role(m.Role), HistoryMessages.ChannelName(m.Channel), m.Text, m.CreatedAt,
            m.DeliveryStatus.ToString(), m.DeliveryError,
            m.Role is MessageRole.Assistant or MessageRole.Merchant && m.PayloadJson is not null ? ReplyJson.Deserialize(m.PayloadJson, m.Text) : null,
            deliveries.Where(d => d.MessageId == m.Id)
                .Select(d => new ThreadDelivery(HistoryMessages.ChannelName(d.Channel), d.Status.ToString(), d.Attempts, d.Error, d.SentAt)).ToList()))
            .ToList();
        return TypedResults.Ok(new ConversationThread(conversation.Id, conversation.Status.ToString(), conversation.StartedAt,
            conversation.LastMessageAt, HistoryMessages.ChannelName(conversation.LastChannel), customer, thread));
    }

    public static async Task<Results<Created<ThreadMessage>, NotFound, ValidationProblem>> ReplyAsync(
        Guid id, MerchantReplyRequest request, HttpContext http, MerchantReplies replies, CancellationToken ct)
    {
        var text = request.Text?.Trim() ?? "";
        if (text.Length == 0) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["Write a reply first."] });
        if (text.Length > MerchantReplies.MaxLength)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [$"At most {MerchantReplies.MaxLength} characters."] });

        var sent = await replies.SendAsync(http.GetAdminShop().ShopId, id, text, ct);
        if (sent is null) return TypedResults.NotFound();
        var m = sent.Message;
        return TypedResults.Created($"/api/admin/conversations/{id}", new ThreadMessage(
            m.Id, m.Seq, HistoryMessages.Role(m.Role), HistoryMessages.ChannelName(m.Channel), m.Text, m.CreatedAt,
            m.DeliveryStatus.ToString(), m.DeliveryError, sent.Reply, []));
    }

    /// <summary>
    /// HandedOff takes the thread over (the assistant goes silent; the shopper's next message gets the one takeover
    /// notice), Open hands it back to the assistant, Closed ends it.
    /// </summary>
    public static async Task<Results<Ok<StatusView>, NotFound, ValidationProblem>> SetStatusAsync(
        Guid id, StatusRequest request, AppDbContext db, AdminEvents events, CancellationToken ct)
    {
        if (!Enum.TryParse<ConversationStatus>(request.Status, ignoreCase: true, out var status) || !Enum.IsDefined(status) ||
            int.TryParse(request.Status, out _))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [StatusChoices] });

        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (conversation is null) return TypedResults.NotFound();
        if (conversation.Status != status)
        {
            conversation.Status = status;
            conversation.TakeoverNoticeSent = false;
            // A status change is a write to the thread like a turn: the engine's optimistic check sees it, so a turn
            // that read the thread before the takeover is answered again under the new status (and held).
            conversation.Version = Guid.NewGuid();
            await db.SaveChangesAsync(ct);
            await events.StatusAsync(conversation.ShopId, id, status, ct);
        }
        return TypedResults.Ok(new StatusView(id, status.ToString()));
    }

    internal static string DisplayName(string? first, string? last)
    {
        var name = string.Join(' ', new[] { first, last }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return name.Length == 0 ? "Visitor" : name;
    }

    private static string Preview(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= PreviewLength ? flat : flat[..(PreviewLength - 1)] + "…";
    }
}
