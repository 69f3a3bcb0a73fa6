using System.Security.Cryptography;
using System.Text;
using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Shops;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.App.Features.Conversations;

/// <summary>Per-shop bearer keys of the headless APIs (see docs/api.md).</summary>
internal static class HeadlessAuth
{
    /// <summary>The key configured for this shop domain, compared in constant time; no key configured means no access.</summary>
    public static bool Authorized(string shop, HttpContext http, HeadlessApiOptions options)
    {
        if (!options.Keys.TryGetValue(shop.ToLowerInvariant(), out var expected) || string.IsNullOrEmpty(expected)) return false;
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        var given = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(given), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }

    public static Task<Shop?> FindShopAsync(AppDbContext db, string domain, CancellationToken ct) =>
        db.Shops.AsNoTracking().FirstOrDefaultAsync(s => s.Domain == domain.ToLowerInvariant() && s.InstallState == ShopInstallState.Installed, ct);
}
