using System.Text.RegularExpressions;
using ConversationalCommerce.Data;
using ConversationalCommerce.Shopify.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.App.Features.Admin;

/// <param name="ChannelSettings">Where the channel settings live (their own endpoints; secrets are never returned).</param>
public sealed record AdminSettingsView(
    string AssistantName, string Greeting, string AccentColor,
    string ShippingPolicy, string ReturnsPolicy, string PaymentPolicy,
    string? WhatsAppNumber, ChannelSettingsLinks ChannelSettings);

public sealed record ChannelSettingsLinks(string WhatsApp, string Email);

public sealed record AdminSettingsRequest(
    string? AssistantName, string? Greeting, string? AccentColor,
    string? ShippingPolicy, string? ReturnsPolicy, string? PaymentPolicy);

internal static partial class AdminSettings
{
    public const int MaxNameLength = 60;
    public const int MaxGreetingLength = 300;
    public const int MaxPolicyLength = 4000;

    public static async Task<Ok<AdminSettingsView>> GetAsync(HttpContext http, AppDbContext db, CancellationToken ct)
    {
        var admin = http.GetAdminShop();
        var shop = await db.Shops.AsNoTracking().FirstAsync(s => s.Id == admin.ShopId, ct);
        return TypedResults.Ok(View(shop));
    }

    public static async Task<Results<Ok<AdminSettingsView>, ValidationProblem>> PutAsync(
        AdminSettingsRequest request, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        var errors = Validate(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var admin = http.GetAdminShop();
        var shop = await db.Shops.FirstAsync(s => s.Id == admin.ShopId, ct);
        var settings = shop.Settings;
        settings.AssistantName = request.AssistantName!.Trim();
        settings.Greeting = request.Greeting!.Trim();
        settings.AccentColor = request.AccentColor!.Trim().ToLowerInvariant();
        settings.ShippingPolicy = request.ShippingPolicy?.Trim() ?? "";
        settings.ReturnsPolicy = request.ReturnsPolicy?.Trim() ?? "";
        settings.PaymentPolicy = request.PaymentPolicy?.Trim() ?? "";
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(shop));
    }

    internal static Dictionary<string, string[]> Validate(AdminSettingsRequest r)
    {
        var errors = new Dictionary<string, string[]>();
        Required(errors, "assistantName", r.AssistantName, MaxNameLength);
        Required(errors, "greeting", r.Greeting, MaxGreetingLength);
        if (string.IsNullOrWhiteSpace(r.AccentColor) || !HexColor().IsMatch(r.AccentColor.Trim()))
            errors["accentColor"] = ["A hex colour like #1f6feb."];
        Optional(errors, "shippingPolicy", r.ShippingPolicy, MaxPolicyLength);
        Optional(errors, "returnsPolicy", r.ReturnsPolicy, MaxPolicyLength);
        Optional(errors, "paymentPolicy", r.PaymentPolicy, MaxPolicyLength);
        return errors;
    }

    private static void Required(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = ["Required."];
        else Optional(errors, field, value, max);
    }

    private static void Optional(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max) errors[field] = [$"At most {max} characters."];
    }

    private static AdminSettingsView View(Domain.Shops.Shop shop) => new(
        shop.Settings.AssistantName, shop.Settings.Greeting, shop.Settings.AccentColor,
        shop.Settings.ShippingPolicy, shop.Settings.ReturnsPolicy, shop.Settings.PaymentPolicy,
        shop.Settings.WhatsAppNumber,
        new ChannelSettingsLinks($"/api/admin/shops/{shop.Domain}/whatsapp", $"/api/admin/shops/{shop.Domain}/email/settings"));

    [GeneratedRegex("^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]
    private static partial Regex HexColor();
}
