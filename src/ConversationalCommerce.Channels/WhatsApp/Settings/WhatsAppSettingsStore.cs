using System.Text.Json;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Shops;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Channels.WhatsApp.Settings;

/// <summary>
/// A shop's WhatsApp settings, stored with the shop: the phone number id in plain (webhooks are routed by it), the
/// token and templates in the "whatsapp" section of <see cref="ShopSettings.EncryptedChannelSecrets"/>, encrypted
/// with ASP.NET Data Protection (keys in the database). Other channels' sections in that JSON are kept as they are.
/// </summary>
public sealed class WhatsAppSettingsStore(AppDbContext db, IDataProtectionProvider protection, IMemoryCache cache, IOptions<WhatsAppOptions> options)
{
    private const string Purpose = "ConversationalCommerce.ChannelSecrets.v1";
    private const string SectionName = "whatsapp";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public async Task<WhatsAppShopSettings?> GetAsync(Guid shopId, CancellationToken cancellationToken)
    {
        var shop = await db.Shops.AsNoTracking().FirstOrDefaultAsync(s => s.Id == shopId, cancellationToken);
        if (shop?.Settings.WhatsAppPhoneNumberId is not { Length: > 0 } phoneNumberId) return null;
        var section = ReadSections(shop.Settings.EncryptedChannelSecrets)[SectionName];
        if (section is null) return null;
        var secrets = section.Deserialize<StoredSecrets>(Json) ?? new StoredSecrets("", null);
        return new WhatsAppShopSettings
        {
            PhoneNumberId = phoneNumberId,
            AccessToken = secrets.AccessToken,
            Templates = secrets.Templates ?? new Dictionary<string, WhatsAppTemplate>(),
        };
    }

    /// <summary>Sets the settings; a null token keeps the stored one (the admin UI never sees it to send it back).</summary>
    public async Task SaveAsync(Guid shopId, string phoneNumberId, string? accessToken, IReadOnlyDictionary<string, WhatsAppTemplate> templates,
        CancellationToken cancellationToken)
    {
        var shop = await db.Shops.FirstAsync(s => s.Id == shopId, cancellationToken);
        var sections = ReadSections(shop.Settings.EncryptedChannelSecrets);
        var previous = sections[SectionName]?.Deserialize<StoredSecrets>(Json);
        var token = accessToken ?? previous?.AccessToken
            ?? throw new ArgumentException("An access token is needed the first time.", nameof(accessToken));
        sections[SectionName] = JsonSerializer.SerializeToNode(new StoredSecrets(token, new Dictionary<string, WhatsAppTemplate>(templates)), Json);
        var oldPhoneNumberId = shop.Settings.WhatsAppPhoneNumberId;
        shop.Settings.WhatsAppPhoneNumberId = phoneNumberId;
        shop.Settings.EncryptedChannelSecrets = _protector.Protect(sections.ToJsonString());
        await db.SaveChangesAsync(cancellationToken);
        if (oldPhoneNumberId is not null) cache.Remove(CacheKey(oldPhoneNumberId));
        cache.Remove(CacheKey(phoneNumberId));
    }

    /// <summary>The installed shop that owns this business phone number, or null.</summary>
    public async Task<(Guid ShopId, string Domain)?> FindShopAsync(string phoneNumberId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey(phoneNumberId), out (Guid, string)? cached)) return cached;
        var shop = await db.Shops.AsNoTracking()
            .Where(s => s.Settings.WhatsAppPhoneNumberId == phoneNumberId && s.InstallState == ShopInstallState.Installed)
            .Select(s => new { s.Id, s.Domain })
            .FirstOrDefaultAsync(cancellationToken);
        (Guid, string)? found = shop is null ? null : (shop.Id, shop.Domain);
        cache.Set(CacheKey(phoneNumberId), found, options.Value.ShopLookupCache);
        return found;
    }

    private System.Text.Json.Nodes.JsonObject ReadSections(string? encrypted) =>
        string.IsNullOrEmpty(encrypted)
            ? new System.Text.Json.Nodes.JsonObject()
            : System.Text.Json.Nodes.JsonNode.Parse(_protector.Unprotect(encrypted))?.AsObject() ?? new System.Text.Json.Nodes.JsonObject();

    private static string CacheKey(string phoneNumberId) => "whatsapp-shop:" + phoneNumberId;

    private sealed record StoredSecrets(string AccessToken, Dictionary<string, WhatsAppTemplate>? Templates);
}
