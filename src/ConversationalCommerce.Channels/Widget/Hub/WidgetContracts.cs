using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Channels.Widget.Hub;

// The shapes of docs/widget-protocol.md, serialised camelCase by SignalR's JSON protocol.

public sealed record SendRequest(string? ClientMessageId, string? Text);

public sealed record WidgetError(string Code, string Message);

public sealed record SendAck(string? ClientMessageId, bool Accepted, WidgetError? Error = null);

public sealed record HistoryRequest(long AfterSeq);

public sealed record HistoryMessage(
    Guid Id,
    long Seq,
    string Role,
    string Channel,
    string Text,
    string? ClientMessageId,
    DateTimeOffset CreatedAt,
    Reply? Reply);

public sealed record TypingEvent(bool On);

public sealed record ContinuityLink(string? Code, string? Url, WidgetError? Error = null);

public sealed record EmailMeTheseRequest(string? Email, bool Consent);

public sealed record EmailMeTheseResult(bool Ok, WidgetError? Error = null);

/// <summary>Error codes the widget knows.</summary>
public static class WidgetErrors
{
    public const string RateLimited = "rate_limited";
    public const string TooLong = "too_long";
    public const string Empty = "empty";
    public const string Unavailable = "unavailable";
    public const string InvalidSession = "invalid_session";
    public const string InvalidRequest = "invalid_request";
    public const string InvalidEmail = "invalid_email";
    public const string ConsentRequired = "consent_required";
}

/// <summary>Names of the server-to-client events.</summary>
public static class WidgetEvents
{
    public const string Message = "message";
    public const string Typing = "typing";
}
