using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Channels.Widget.Session;

/// <summary>Who a widget connection acts for: one visitor of one shop.</summary>
public sealed record VisitorIdentity(Guid ShopId, Guid VisitorId);

/// <summary>
/// Issues and reads the widget's visitor token: Data Protection (purpose "widget-visitor"), time-limited, binding the
/// shop and the visitor. A token is worthless for any other shop, and a forged or expired one reads as nothing.
/// </summary>
public sealed class VisitorTokens(IDataProtectionProvider protection, IOptions<WidgetOptions> options, TimeProvider time)
{
    public const string Purpose = "widget-visitor";
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public string Issue(VisitorIdentity visitor) =>
        _protector.Protect($"{visitor.ShopId:N}.{visitor.VisitorId:N}", time.GetUtcNow() + options.Value.VisitorTokenLifetime);

    public VisitorIdentity? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1024) return null;
        string payload;
        try
        {
            payload = _protector.Unprotect(token, out var expiresAt);
            // Data Protection checks expiry against the wall clock; check it against our clock as well.
            if (expiresAt <= time.GetUtcNow()) return null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
        var parts = payload.Split('.');
        return parts.Length == 2
               && Guid.TryParseExact(parts[0], "N", out var shopId)
               && Guid.TryParseExact(parts[1], "N", out var visitorId)
            ? new VisitorIdentity(shopId, visitorId)
            : null;
    }

    /// <summary>The visitor id in the form stored on the visitor's channel identity.</summary>
    public static string IdentityValue(Guid visitorId) => visitorId.ToString("D", CultureInfo.InvariantCulture);
}
