using System.Text.Json;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Email;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Channels.Email.Settings;

/// <summary>Reads and writes a shop's email settings, encrypted with ASP.NET Data Protection (keys kept in the database).</summary>
public sealed class EmailSettingsStore(AppDbContext db, IDataProtectionProvider protection, TimeProvider time)
{
    private const string Purpose = "ConversationalCommerce.Email.ShopSettings.v1";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    /// <summary>The settings of the shop in scope, or null when the channel is not configured.</summary>
    public async Task<ShopEmailSettings?> GetAsync(CancellationToken cancellationToken)
    {
        var row = await db.EmailSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : Unprotect(row.ProtectedJson);
    }

    /// <summary>Settings of any shop, for the IMAP poller, which works across shops.</summary>
    public async Task<IReadOnlyList<(Guid ShopId, ShopEmailSettings Settings)>> GetImapEnabledAsync(CancellationToken cancellationToken)
    {
        var rows = await db.EmailSettings.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.ImapEnabled)
            .Join(db.Shops.Where(s => s.InstallState == Domain.Shops.ShopInstallState.Installed), e => e.ShopId, s => s.Id, (e, _) => e)
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.ShopId, Unprotect(r.ProtectedJson))).ToList();
    }

    public async Task SaveAsync(ShopEmailSettings settings, CancellationToken cancellationToken)
    {
        var row = await db.EmailSettings.FirstOrDefaultAsync(cancellationToken);
        var protectedJson = _protector.Protect(JsonSerializer.Serialize(settings, Json));
        if (row is null)
        {
            row = new EmailChannelSettings { ProtectedJson = protectedJson };
            db.EmailSettings.Add(row);
        }
        row.ProtectedJson = protectedJson;
        row.ImapEnabled = settings.ImapEnabled;
        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    private ShopEmailSettings Unprotect(string protectedJson) =>
        JsonSerializer.Deserialize<ShopEmailSettings>(_protector.Unprotect(protectedJson), Json)
        ?? throw new InvalidOperationException("Stored email settings are empty.");
}
