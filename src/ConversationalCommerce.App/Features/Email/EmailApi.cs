using System.Security.Cryptography;
using System.Text;
using ConversationalCommerce.Channels.Email;
using ConversationalCommerce.Channels.Email.Inbound;
using ConversationalCommerce.Channels.Email.Settings;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Shops;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.App.Features.Email;

/// <summary>
/// The email channel's HTTP surface: per-shop settings (operator-only, like the other channel settings), the inbound webhook taking raw MIME, and the
/// List-Unsubscribe one-click endpoint.
/// </summary>
public static class EmailApi
{
    public const string SecretHeader = "X-Webhook-Secret";
    public const string SignatureHeader = "X-Webhook-Signature";

    public static IEndpointRouteBuilder MapEmailApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/shops/{shop}/email").WithTags("Email").AddEndpointFilter<WhatsApp.OperatorOnlyFilter>();
        admin.MapGet("/settings", GetSettings).WithName("GetEmailSettings").WithSummary("The shop's email settings, without passwords and secrets.");
        admin.MapPut("/settings", PutSettings).WithName("PutEmailSettings").WithSummary("Sets the shop's SMTP/IMAP settings; stored encrypted.");

        app.MapPost("/webhooks/email/{shop}", ReceiveWebhook).WithTags("Email").WithName("EmailInboundWebhook")
            .WithSummary("Raw MIME (message/rfc822) from a mail provider; X-Webhook-Secret or X-Webhook-Signature: sha256=HMAC(body).");

        app.MapGet("/email/unsubscribe/{token}", UnsubscribePage).WithTags("Email").ExcludeFromDescription();
        app.MapPost("/email/unsubscribe/{token}", Unsubscribe).WithTags("Email").WithName("EmailOneClickUnsubscribe")
            .WithSummary("RFC 8058 one-click unsubscribe (List-Unsubscribe=One-Click).").DisableAntiforgery();
        return app;
    }

    public sealed record EmailSettingsView(
        string SmtpHost, int SmtpPort, EmailTlsMode SmtpTls, string? SmtpUser, bool HasSmtpPassword,
        string FromAddress, string FromName, string InboundDomain,
        string? ImapHost, int ImapPort, EmailTlsMode ImapTls, string? ImapUser, bool HasImapPassword, bool HasWebhookSecret);

    public sealed record EmailSettingsRequest(
        string SmtpHost, int? SmtpPort, EmailTlsMode? SmtpTls, string? SmtpUser, string? SmtpPassword,
        string FromAddress, string? FromName, string InboundDomain,
        string? ImapHost, int? ImapPort, EmailTlsMode? ImapTls, string? ImapUser, string? ImapPassword, string? WebhookSecret);

    internal static async Task<Results<Ok<EmailSettingsView>, NotFound<string>>> GetSettings(
        string shop, AppDbContext db, ShopScope scope, EmailSettingsStore store, CancellationToken ct)
    {
        if (await FindShopAsync(db, shop, ct) is not { } shopRow) return TypedResults.NotFound($"Unknown shop {shop}");
        scope.Set(shopRow.Id);
        var s = await store.GetAsync(ct);
        if (s is null) return TypedResults.NotFound("Email is not configured for this shop.");
        return TypedResults.Ok(new EmailSettingsView(s.SmtpHost, s.SmtpPort, s.SmtpTls, s.SmtpUser, !string.IsNullOrEmpty(s.SmtpPassword),
            s.FromAddress, s.FromName, s.InboundDomain, s.ImapHost, s.ImapPort, s.ImapTls, s.ImapUser, !string.IsNullOrEmpty(s.ImapPassword),
            !string.IsNullOrEmpty(s.WebhookSecret)));
    }

    /// <summary>Omitted passwords and secret keep their stored values, so the admin can change a port without re-typing them.</summary>
    internal static async Task<Results<NoContent, NotFound<string>, ValidationProblem>> PutSettings(
        string shop, EmailSettingsRequest request, AppDbContext db, ShopScope scope, EmailSettingsStore store, CancellationToken ct)
    {
        if (await FindShopAsync(db, shop, ct) is not { } shopRow) return TypedResults.NotFound($"Unknown shop {shop}");
        var errors = Validate(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        scope.Set(shopRow.Id);
        var current = await store.GetAsync(ct);
        await store.SaveAsync(new ShopEmailSettings
        {
            SmtpHost = request.SmtpHost.Trim(),
            SmtpPort = request.SmtpPort ?? 587,
            SmtpTls = request.SmtpTls ?? EmailTlsMode.StartTls,
            SmtpUser = request.SmtpUser,
            SmtpPassword = request.SmtpPassword ?? current?.SmtpPassword,
            FromAddress = request.FromAddress.Trim(),
            FromName = request.FromName ?? "",
            InboundDomain = request.InboundDomain.Trim().ToLowerInvariant(),
            ImapHost = request.ImapHost,
            ImapPort = request.ImapPort ?? 993,
            ImapTls = request.ImapTls ?? EmailTlsMode.SslOnConnect,
            ImapUser = request.ImapUser,
            ImapPassword = request.ImapPassword ?? current?.ImapPassword,
            WebhookSecret = request.WebhookSecret ?? current?.WebhookSecret,
        }, ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<string>, UnauthorizedHttpResult, BadRequest<string>, NotFound<string>, StatusCodeHttpResult>> ReceiveWebhook(
        string shop, HttpRequest request, AppDbContext db, ShopScope scope, EmailSettingsStore store, EmailIntake intake,
        IOptions<EmailOptions> options, ILoggerFactory loggers, CancellationToken ct)
    {
        var log = loggers.CreateLogger(typeof(EmailApi));
        if (await FindShopAsync(db, shop, ct) is not { } shopRow) return TypedResults.NotFound($"Unknown shop {shop}");
        scope.Set(shopRow.Id);
        var settings = await store.GetAsync(ct);

        var limit = options.Value.MaxMessageBytes;
        if (request.ContentLength > limit) return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        var body = await ReadBoundedAsync(request.Body, limit, ct);
        if (body is null) return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);

        // Authenticate before looking at the content.
        if (string.IsNullOrEmpty(settings?.WebhookSecret) || !IsAuthentic(request, body, settings.WebhookSecret))
        {
            log.LogWarning("Email webhook for {Shop} refused: missing or wrong secret", shopRow.Domain);
            return TypedResults.Unauthorized();
        }
        if (body.Length == 0) return TypedResults.BadRequest("Empty body: expected a raw MIME message.");

        using var stream = new MemoryStream(body, writable: false);
        var (result, reason) = await intake.AcceptAsync(shopRow.Id, shopRow.Domain, stream, "webhook", ct);
        return result switch
        {
            EmailIntakeResult.Unparseable => TypedResults.BadRequest($"Not a parseable email: {reason}."),
            EmailIntakeResult.Duplicate => TypedResults.Ok("duplicate"),
            _ => TypedResults.Ok("accepted"),
        };
    }

    internal static async Task<Results<ContentHttpResult, NotFound<string>>> UnsubscribePage(string token, Channels.Email.Threads.EmailThreads threads, CancellationToken ct)
    {
        // A GET never unsubscribes: mail scanners follow links. The page posts the one-click form.
        if (await threads.FindByUnsubscribeTokenAnyShopAsync(token, ct) is null) return TypedResults.NotFound("Unknown unsubscribe link.");
        var action = $"/email/unsubscribe/{Uri.EscapeDataString(token)}";
        return TypedResults.Content($"""
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>Unsubscribe</title></head>
            <body style="font-family:sans-serif;max-width:32rem;margin:3rem auto">
            <h1>Unsubscribe</h1><p>Stop receiving emails from this shop's assistant?</p>
            <form method="post" action="{action}"><input type="hidden" name="List-Unsubscribe" value="One-Click">
            <button type="submit">Unsubscribe</button></form></body></html>
            """, "text/html");
    }

    internal static async Task<Results<ContentHttpResult, NotFound<string>>> Unsubscribe(string token, EmailUnsubscribe unsubscribe, CancellationToken ct)
    {
        if (!await unsubscribe.UnsubscribeAsync(token, ct)) return TypedResults.NotFound("Unknown unsubscribe link.");
        return TypedResults.Content("""
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>Unsubscribed</title></head>
            <body style="font-family:sans-serif;max-width:32rem;margin:3rem auto"><h1>You're unsubscribed</h1>
            <p>You will not get further emails from this shop's assistant.</p></body></html>
            """, "text/html");
    }

    /// <summary>Either the shared secret itself, or an HMAC-SHA256 of the raw body keyed with it (hex, "sha256=" optional).</summary>
    public static bool IsAuthentic(HttpRequest request, byte[] body, string secret)
    {
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        var presented = request.Headers[SecretHeader].ToString();
        if (presented.Length > 0)
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), secretBytes);
        var signature = request.Headers[SignatureHeader].ToString();
        if (signature.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase)) signature = signature[7..];
        if (signature.Length != 64) return false;
        byte[] given;
        try { given = Convert.FromHexString(signature); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(secretBytes, body), given);
    }

    private static Dictionary<string, string[]> Validate(EmailSettingsRequest r)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(r.SmtpHost)) errors["smtpHost"] = ["Required."];
        if (r.SmtpPort is < 1 or > 65535) errors["smtpPort"] = ["Between 1 and 65535."];
        if (r.ImapPort is < 1 or > 65535) errors["imapPort"] = ["Between 1 and 65535."];
        if (string.IsNullOrWhiteSpace(r.FromAddress) || !MimeKit.MailboxAddress.TryParse(r.FromAddress, out _) || !r.FromAddress.Contains('@'))
            errors["fromAddress"] = ["A valid email address."];
        if (string.IsNullOrWhiteSpace(r.InboundDomain) || r.InboundDomain.Contains('@') || !r.InboundDomain.Contains('.'))
            errors["inboundDomain"] = ["A domain such as reply.example.com."];
        if (!string.IsNullOrEmpty(r.ImapHost) && string.IsNullOrEmpty(r.ImapUser)) errors["imapUser"] = ["Required with an IMAP host."];
        return errors;
    }

    private static async Task<byte[]?> ReadBoundedAsync(Stream body, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static Task<Shop?> FindShopAsync(AppDbContext db, string domain, CancellationToken ct) =>
        db.Shops.AsNoTracking().FirstOrDefaultAsync(s => s.Domain == domain.ToLowerInvariant() && s.InstallState == ShopInstallState.Installed, ct);
}
