using ConversationalCommerce.Channels.Identity;
using ConversationalCommerce.Channels.WhatsApp;
using ConversationalCommerce.Channels.WhatsApp.Settings;
using ConversationalCommerce.Channels.WhatsApp.Webhook;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Shops;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.App.Features.WhatsApp;

/// <summary>The WhatsApp webhook (Meta's handshake and notifications) and the merchant's channel settings.</summary>
public static class WhatsAppApi
{
    public static IEndpointRouteBuilder MapWhatsAppApi(this IEndpointRouteBuilder app)
    {
        var webhook = app.MapGroup("/webhooks/whatsapp").WithTags("WhatsApp");
        webhook.MapGet("/", Handshake).WithName("WhatsAppWebhookHandshake").WithSummary("Meta's subscription check: echoes hub.challenge for our verify token.");
        webhook.MapPost("/", Receive).WithName("WhatsAppWebhook").WithSummary("Signed notifications: stored in the inbox, answered at once.");

        var admin = app.MapGroup("/api/admin/shops/{shop}/whatsapp").WithTags("WhatsApp").AddEndpointFilter<OperatorOnlyFilter>();
        admin.MapGet("/", GetSettings).WithName("GetWhatsAppSettings").WithSummary("The shop's WhatsApp number and templates (never the token).");
        admin.MapPut("/", PutSettings).WithName("PutWhatsAppSettings").WithSummary("Sets the shop's WhatsApp number, token (stored encrypted) and templates.");
        return app;
    }

    public sealed record TemplateSetting(string Name, string LanguageCode, bool BodyTextParameter = true);

    /// <param name="AccessToken">Omit to keep the stored token.</param>
    /// <param name="DisplayPhoneNumber">The number shoppers write to (the widget's "continue on WhatsApp" link); omit to keep it.</param>
    public sealed record WhatsAppSettingsRequest(string PhoneNumberId, string? AccessToken, Dictionary<string, TemplateSetting>? Templates,
        string? DisplayPhoneNumber = null);

    public sealed record WhatsAppSettingsView(string PhoneNumberId, bool HasAccessToken, IReadOnlyDictionary<string, TemplateSetting> Templates,
        string? DisplayPhoneNumber);

    internal static Results<ContentHttpResult, StatusCodeHttpResult> Handshake(
        [FromQuery(Name = "hub.mode")] string? mode,
        [FromQuery(Name = "hub.verify_token")] string? verifyToken,
        [FromQuery(Name = "hub.challenge")] string? challenge,
        WhatsAppWebhookReceiver receiver)
    {
        if (challenge is null || !receiver.VerifiesSubscription(mode, verifyToken))
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        return TypedResults.Text(challenge, "text/plain");
    }

    internal static async Task<Results<Ok, UnauthorizedHttpResult, BadRequest, StatusCodeHttpResult>> Receive(
        HttpRequest request, WhatsAppWebhookReceiver receiver, IOptions<WhatsAppOptions> options, CancellationToken ct)
    {
        // The signature covers the exact bytes: read them raw, before anything binds or parses the body.
        var body = await RawBody.ReadAsync(request, options.Value.MaxWebhookBytes, ct);
        if (body is null) return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        return await receiver.ReceiveAsync(body.Value, request.Headers["X-Hub-Signature-256"], ct) switch
        {
            WebhookReceipt.Forged => TypedResults.Unauthorized(),
            WebhookReceipt.Malformed => TypedResults.BadRequest(),
            _ => TypedResults.Ok(),
        };
    }

    internal static async Task<Results<Ok<WhatsAppSettingsView>, NotFound>> GetSettings(
        string shop, AppDbContext db, WhatsAppSettingsStore store, CancellationToken ct)
    {
        var shopId = await FindShopAsync(db, shop, ct);
        if (shopId is null) return TypedResults.NotFound();
        var settings = await store.GetAsync(shopId.Value, ct);
        if (settings is null) return TypedResults.NotFound();
        var display = await db.Shops.AsNoTracking().Where(s => s.Id == shopId).Select(s => s.Settings.WhatsAppNumber).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(new WhatsAppSettingsView(settings.PhoneNumberId, settings.AccessToken.Length > 0,
            settings.Templates.ToDictionary(t => t.Key, t => new TemplateSetting(t.Value.Name, t.Value.LanguageCode, t.Value.BodyTextParameter)), display));
    }

    internal static async Task<Results<NoContent, NotFound, ValidationProblem>> PutSettings(
        string shop, WhatsAppSettingsRequest request, AppDbContext db, WhatsAppSettingsStore store, CancellationToken ct)
    {
        var shopId = await FindShopAsync(db, shop, ct);
        if (shopId is null) return TypedResults.NotFound();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.PhoneNumberId) || !request.PhoneNumberId.All(char.IsAsciiDigit))
            errors["phoneNumberId"] = ["The phone number id is the digits shown in WhatsApp Manager (not the phone number)."];
        if (request.AccessToken is { } token && string.IsNullOrWhiteSpace(token))
            errors["accessToken"] = ["Omit the token to keep the stored one; it cannot be blank."];
        if (request.AccessToken is null && await store.GetAsync(shopId.Value, ct) is null)
            errors["accessToken"] = ["An access token is needed the first time."];
        foreach (var (purpose, template) in request.Templates ?? [])
            if (string.IsNullOrWhiteSpace(template.Name) || string.IsNullOrWhiteSpace(template.LanguageCode))
                errors[$"templates.{purpose}"] = ["A template needs its approved name and language code (e.g. en_US)."];
        string? display = null;
        if (request.DisplayPhoneNumber is { } raw && (display = IdentityValues.ToE164(raw)) is null)
            errors["displayPhoneNumber"] = ["The WhatsApp number with its country code, e.g. +15550100200."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var templates = (request.Templates ?? []).ToDictionary(t => t.Key, t => new WhatsAppTemplate(t.Value.Name.Trim(), t.Value.LanguageCode.Trim(), t.Value.BodyTextParameter));
        await store.SaveAsync(shopId.Value, request.PhoneNumberId, request.AccessToken?.Trim(), templates, ct);
        if (display is not null)
            await db.Shops.Where(s => s.Id == shopId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Settings.WhatsAppNumber, display), ct);
        return TypedResults.NoContent();
    }

    private static Task<Guid?> FindShopAsync(AppDbContext db, string domain, CancellationToken ct) =>
        db.Shops.AsNoTracking()
            .Where(s => s.Domain == domain.ToLowerInvariant() && s.InstallState == ShopInstallState.Installed)
            .Select(s => (Guid?)s.Id)
            .FirstOrDefaultAsync(ct);
}
