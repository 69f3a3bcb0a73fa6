using ConversationalCommerce.Channels.Identity;
using ConversationalCommerce.Channels.Widget.Session;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Conversation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Channels.Widget.Hub;

/// <summary>
/// The storefront widget's hub (/hubs/chat, docs/widget-protocol.md). A thin adapter: it checks size and rate, hands
/// the text to the conversation service and sends the stored messages to every tab of the visitor's conversation.
/// Which shop and thread a connection may touch comes only from its visitor token, never from a method argument.
/// </summary>
[Authorize(Policy = VisitorAuthenticationHandler.Policy)]
public sealed class ChatHub(
    IConversationService conversations,
    IConversationReader reader,
    AppDbContext db,
    ShopScope scope,
    VisitorThreads threads,
    ContinuityCodes codes,
    EmailOptIns optIns,
    TimeProvider time,
    IOptions<WidgetOptions> options,
    ILogger<ChatHub> log) : Microsoft.AspNetCore.SignalR.Hub
{
    private const int MaxClientMessageIdLength = 100;

    public override async Task OnConnectedAsync()
    {
        var visitor = VisitorAuthenticationHandler.From(Context.User);
        if (visitor is null) throw new HubException(WidgetErrors.InvalidSession);
        var installed = await db.Shops.AnyAsync(s => s.Id == visitor.ShopId && s.InstallState == ShopInstallState.Installed, Context.ConnectionAborted);
        if (!installed) throw new HubException(WidgetErrors.InvalidSession);

        scope.Set(visitor.ShopId);
        var thread = await threads.ResolveAsync(visitor.VisitorId, shopifyCustomerId: null, locale: null, Context.ConnectionAborted);
        var bucket = new SendBucket(options.Value.RateLimitMessages, options.Value.RateLimitWindow, time);
        var connection = new WidgetConnection(visitor.ShopId, visitor.VisitorId, thread.CustomerId, thread.ConversationId, bucket, thread.CustomerStored);
        Context.Items[WidgetConnection.ItemKey] = connection;
        await Groups.AddToGroupAsync(Context.ConnectionId, connection.Group(), Context.ConnectionAborted);
    }

    public async Task<SendAck> Send(SendRequest? request)
    {
        var connection = Connection();
        var clientMessageId = request?.ClientMessageId;
        if (clientMessageId is { Length: > MaxClientMessageIdLength })
            return Refuse(null, WidgetErrors.InvalidRequest, "The message id is too long.");
        var text = request?.Text?.Trim() ?? "";
        if (text.Length == 0) return Refuse(clientMessageId, WidgetErrors.Empty, "Type a message first.");
        if (text.Length > options.Value.MaxMessageLength)
            return Refuse(clientMessageId, WidgetErrors.TooLong, $"That message is too long; please keep it under {options.Value.MaxMessageLength:N0} characters.");
        if (!connection.Bucket.TryTake())
            return Refuse(clientMessageId, WidgetErrors.RateLimited, "You're sending messages very quickly; please wait a few seconds.");

        scope.Set(connection.ShopId);
        connection = await StoredAsync(connection);
        var group = Clients.Group(connection.Group());
        await group.SendAsync(WidgetEvents.Typing, new TypingEvent(true));
        try
        {
            var message = new ShopperMessage(connection.ShopId, connection.ConversationId, Channel.Widget, text,
                string.IsNullOrEmpty(clientMessageId) ? null : clientMessageId, connection.CustomerId);
            // The turn is not tied to this connection: a tab closed mid-turn still gets its answer stored for the next visit.
            using var timeout = new CancellationTokenSource(options.Value.TurnTimeout, time);
            var turn = await conversations.HandleAsync(message, timeout.Token).WaitAsync(options.Value.TurnTimeout, time);

            // A retried send gets the stored turn back on its own tab only; the other tabs saw it the first time.
            var target = turn.WasDuplicate ? Clients.Caller : group;
            await target.SendAsync(WidgetEvents.Message, HistoryMessages.From(turn.Shopper));
            // Held for a merchant who took the thread over: no answer, or the one takeover notice.
            if (turn.Assistant is not null) await target.SendAsync(WidgetEvents.Message, HistoryMessages.From(turn.Assistant, turn.Reply));
            return new SendAck(clientMessageId, true);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            log.LogWarning("Widget turn timed out after {Timeout} in conversation {ConversationId}", options.Value.TurnTimeout, connection.ConversationId);
            return Refuse(clientMessageId, WidgetErrors.Unavailable, "Sorry, I'm having trouble answering right now. Please try again in a moment.");
        }
        catch (Exception ex) when (ex is not HubException)
        {
            log.LogError(ex, "Widget turn failed in conversation {ConversationId}", connection.ConversationId);
            return Refuse(clientMessageId, WidgetErrors.Unavailable, "Sorry, I'm having trouble answering right now. Please try again in a moment.");
        }
        finally
        {
            await group.SendAsync(WidgetEvents.Typing, new TypingEvent(false));
        }
    }

    public async Task<IReadOnlyList<HistoryMessage>> History(HistoryRequest? request)
    {
        var connection = Connection();
        scope.Set(connection.ShopId);
        var messages = await reader.HistoryAsync(connection.ShopId, connection.ConversationId,
            Math.Max(0, request?.AfterSeq ?? 0), options.Value.HistoryLimit, Context.ConnectionAborted);
        return messages.Select(m => HistoryMessages.From(m)).ToList();
    }

    /// <summary>The shopper is typing. Accepted (and rate-free) so the widget can call it freely; nothing listens yet.</summary>
    public Task Typing()
    {
        Connection();
        return Task.CompletedTask;
    }

    public async Task<ContinuityLink> ContinueOnWhatsApp()
    {
        var connection = Connection();
        if (!connection.Bucket.TryTake())
            return new ContinuityLink(null, null, new WidgetError(WidgetErrors.RateLimited, "Please wait a few seconds and try again."));
        scope.Set(connection.ShopId);
        var shop = await db.Shops.AsNoTracking().Where(s => s.Id == connection.ShopId)
            .Select(s => new { s.Name, s.Settings.WhatsAppNumber }).FirstAsync(Context.ConnectionAborted);
        var digits = new string((shop.WhatsAppNumber ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length < 6)
            return new ContinuityLink(null, null, new WidgetError(WidgetErrors.Unavailable, "This shop doesn't chat on WhatsApp yet."));

        // The code points at the thread, which a visitor who has not written yet does not have in the database.
        connection = await StoredAsync(connection);
        await threads.EnsureStartedAsync(connection.VisitorId, connection.Thread, Context.ConnectionAborted);
        var issued = await codes.IssueAsync(connection.ShopId, connection.ConversationId, connection.CustomerId, Context.ConnectionAborted);
        var text = ContinuityCodes.PrefilledText(shop.Name, issued.Code);
        return new ContinuityLink(issued.Code, $"https://wa.me/{digits}?text={Uri.EscapeDataString(text)}");
    }

    public async Task<EmailMeTheseResult> EmailMeThese(EmailMeTheseRequest? request)
    {
        var connection = Connection();
        if (request is not { Consent: true })
            return new EmailMeTheseResult(false, new WidgetError(WidgetErrors.ConsentRequired, "Please confirm that we may email you."));
        var email = EmailOptIns.Normalise(request.Email);
        if (email is null)
            return new EmailMeTheseResult(false, new WidgetError(WidgetErrors.InvalidEmail, "That doesn't look like an email address."));
        scope.Set(connection.ShopId);
        connection = await StoredAsync(connection);
        await threads.EnsureStartedAsync(connection.VisitorId, connection.Thread, Context.ConnectionAborted);
        await optIns.RecordAsync(connection.CustomerId, connection.ConversationId, email, Context.ConnectionAborted);
        return new EmailMeTheseResult(true);
    }

    /// <summary>The connection with its visitor's customer stored: written the first time an anonymous visitor acts.</summary>
    private async Task<WidgetConnection> StoredAsync(WidgetConnection connection)
    {
        if (connection.CustomerStored) return connection;
        var thread = await threads.EnsureCustomerAsync(connection.VisitorId, connection.Thread, Context.ConnectionAborted);
        connection = connection with { CustomerId = thread.CustomerId, CustomerStored = true };
        Context.Items[WidgetConnection.ItemKey] = connection;
        return connection;
    }

    private WidgetConnection Connection() =>
        Context.Items.TryGetValue(WidgetConnection.ItemKey, out var value) && value is WidgetConnection connection
            ? connection
            : throw new HubException(WidgetErrors.InvalidSession);

    private static SendAck Refuse(string? clientMessageId, string code, string message) =>
        new(clientMessageId, false, new WidgetError(code, message));
}
