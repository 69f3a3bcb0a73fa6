using MimeKit;

namespace ConversationalCommerce.Channels.Email.Inbound;

public enum AutomatedKind
{
    None = 0,
    AutoReply = 1,
    Bounce = 2,
    Loop = 3,
}

/// <summary>
/// Mail a person did not write, which we must never answer (RFC 3834): auto-replies and list mail, bounces
/// (delivery reports, MAILER-DAEMON, empty Return-Path), and loops (our X-Loop marker, or a thread of our own ids
/// too long to be a conversation).
/// </summary>
public static class AutomatedMail
{
    public const string LoopHeader = "X-Loop";

    public static (AutomatedKind Kind, string Reason) Classify(MimeMessage message, string loopMarker, int loopReferenceLimit)
    {
        var headers = message.Headers;

        var loop = headers.Where(h => h.Field.Equals(LoopHeader, StringComparison.OrdinalIgnoreCase));
        if (loop.Any(h => h.Value.Trim().Equals(loopMarker, StringComparison.OrdinalIgnoreCase)))
            return (AutomatedKind.Loop, "carries our X-Loop marker");
        var ours = message.References.Count(r => Threads.EmailAddresses.TryParseMessageId(r, out _));
        if (ours > loopReferenceLimit)
            return (AutomatedKind.Loop, $"references {ours} of our own messages");

        if (message.Body is MultipartReport report && (report.ReportType?.Contains("delivery-status", StringComparison.OrdinalIgnoreCase) ?? false))
            return (AutomatedKind.Bounce, "delivery status report");
        if (message.Body is MultipartReport)
            return (AutomatedKind.Bounce, "report");
        var returnPath = headers[HeaderId.ReturnPath];
        if (returnPath is not null && returnPath.Trim() is "<>" or "")
            return (AutomatedKind.Bounce, "empty Return-Path");
        var from = message.From.Mailboxes.FirstOrDefault()?.Address ?? "";
        var fromLocal = from.Split('@')[0];
        if (fromLocal.Equals("mailer-daemon", StringComparison.OrdinalIgnoreCase) || fromLocal.Equals("postmaster", StringComparison.OrdinalIgnoreCase))
            return (AutomatedKind.Bounce, "from the mail system");

        var autoSubmitted = headers["Auto-Submitted"];
        if (autoSubmitted is not null && !autoSubmitted.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
            return (AutomatedKind.AutoReply, "Auto-Submitted");
        if (headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond") || headers.Contains("X-Autoresponder"))
            return (AutomatedKind.AutoReply, "auto-responder header");
        var precedence = headers["Precedence"]?.Trim();
        if (precedence is not null && (precedence.Equals("bulk", StringComparison.OrdinalIgnoreCase)
            || precedence.Equals("junk", StringComparison.OrdinalIgnoreCase) || precedence.Equals("list", StringComparison.OrdinalIgnoreCase)))
            return (AutomatedKind.AutoReply, $"Precedence: {precedence.ToLowerInvariant()}");
        if (headers.Contains(HeaderId.ListId))
            return (AutomatedKind.AutoReply, "mailing list");
        var subject = message.Subject?.Trim() ?? "";
        if (subject.StartsWith("Out of office", StringComparison.OrdinalIgnoreCase)
            || subject.StartsWith("Automatic reply", StringComparison.OrdinalIgnoreCase)
            || subject.StartsWith("Auto:", StringComparison.OrdinalIgnoreCase)
            || subject.StartsWith("Autoreply", StringComparison.OrdinalIgnoreCase)
            || subject.Contains("out of the office", StringComparison.OrdinalIgnoreCase))
            return (AutomatedKind.AutoReply, "out-of-office subject");

        return (AutomatedKind.None, "");
    }
}
