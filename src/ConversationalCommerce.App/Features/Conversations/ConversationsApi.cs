using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Conversation;
using ConversationalCommerce.Engine.Replies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.App.Features.Conversations;

/// <summary>
/// The headless JSON API: the same conversation service as the widget, for a merchant's own front end or back
/// end. Authenticated per shop with a bearer API key from configuration (see docs/api.md).
/// </summary>
public static class ConversationsApi
{
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/conversations/{shop}").WithTags("Conversations");
        api.MapPost("/messages", PostMessage).WithName("PostConversationMessage")
            .WithSummary("Send a shopper message; answers with the stored turn and the structured reply.");
        api.MapGet("/{conversationId:guid}/messages", GetMessages).WithName("GetConversationMessages")
            .WithSummary("Messages of a conversation after a sequence number, oldest first.");
        return app;
    }

    public sealed record PostMessageRequest(string? Text, Guid? ConversationId, string? ExternalId, Guid? CustomerId);

    /// <param name="Held">A merchant has taken the thread over: the message is stored for them and the assistant stays
    /// silent (<c>assistantSeq</c> and <c>reply</c> are null, except for the one takeover notice).</param>
    public sealed record TurnResponse(Guid ConversationId, long ShopperSeq, long? AssistantSeq, bool Duplicate, Reply? Reply, bool Held);

    public sealed record MessageResponse(Guid Id, long Seq, string Role, string Channel, string Text, string? ExternalId, DateTimeOffset CreatedAt, Reply? Reply);

    internal static async Task<Results<Ok<TurnResponse>, BadRequest<ProblemDetails>, UnauthorizedHttpResult, NotFound>> PostMessage(
        string shop, PostMessageRequest request, HttpContext http, AppDbContext db, IConversationService conversations,
        IOptions<HeadlessApiOptions> keys, IOptions<ConversationOptions> limits, ILogger<PostMessageRequest> logger, CancellationToken ct)
    {
        if (!HeadlessAuth.Authorized(shop, http, keys.Value)) return TypedResults.Unauthorized();
        var shopRow = await FindShop(db, shop, ct);
        if (shopRow is null) return TypedResults.NotFound();
        var text = request.Text?.Trim() ?? "";
        if (text.Length == 0) return Problem("empty", "The message has no text.", logger);
        if (text.Length > limits.Value.MaxMessageLength)
            return Problem("too_long", $"Messages are limited to {limits.Value.MaxMessageLength} characters.", logger);
        if (request.ExternalId is { Length: > 255 }) return Problem("bad_external_id", "externalId is limited to 255 characters.", logger);

        var conversationId = request.ConversationId ?? Guid.NewGuid();
        try
        {
            var turn = await conversations.HandleAsync(
                new ShopperMessage(shopRow.Id, conversationId, Channel.Api, text, request.ExternalId, request.CustomerId), ct);
            return TypedResults.Ok(new TurnResponse(turn.Shopper.ConversationId, turn.Shopper.Seq, turn.Assistant?.Seq, turn.WasDuplicate,
                turn.Assistant is null ? null : turn.Reply, turn.HeldForMerchant));
        }
        catch (ConversationAccessException)
        {
            // Same answer as an unknown thread: a foreign id reveals nothing.
            return TypedResults.NotFound();
        }
    }

    internal static async Task<Results<Ok<IReadOnlyList<MessageResponse>>, UnauthorizedHttpResult, NotFound>> GetMessages(
        string shop, Guid conversationId, HttpContext http, AppDbContext db, IConversationReader reader, IOptions<HeadlessApiOptions> keys,
        long afterSeq = 0, int limit = 50, CancellationToken ct = default)
    {
        if (!HeadlessAuth.Authorized(shop, http, keys.Value)) return TypedResults.Unauthorized();
        var shopRow = await FindShop(db, shop, ct);
        if (shopRow is null) return TypedResults.NotFound();
        var messages = await reader.HistoryAsync(shopRow.Id, conversationId, afterSeq, limit, ct);
        IReadOnlyList<MessageResponse> body = messages.Select(m => new MessageResponse(m.Id, m.Seq, m.Role.ToString().ToLowerInvariant(),
            m.Channel.ToString().ToLowerInvariant(), m.Text, m.ExternalId, m.CreatedAt,
            m.Role is MessageRole.Assistant or MessageRole.System && m.PayloadJson is not null ? ReplyJson.Deserialize(m.PayloadJson, m.Text) : null)).ToList();
        return TypedResults.Ok(body);
    }

    private static BadRequest<ProblemDetails> Problem(string code, string detail, ILogger logger)
    {
        logger.LogInformation("Headless message refused: {Code}", code);
        return TypedResults.BadRequest(new ProblemDetails { Title = "Invalid message", Detail = detail, Extensions = { ["code"] = code } });
    }

    private static Task<Shop?> FindShop(AppDbContext db, string domain, CancellationToken ct) => HeadlessAuth.FindShopAsync(db, domain, ct);
}
