using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace ConversationalCommerce.Shopify.Auth;

/// <summary>A shop's permanent myshopify.com domain; anything else is refused before it reaches a URL.</summary>
public static partial class ShopDomain
{
    public static bool TryNormalize(string? value, [NotNullWhen(true)] out string? domain)
    {
        domain = null;
        if (string.IsNullOrWhiteSpace(value)) return false;
        var candidate = value.Trim().ToLowerInvariant();
        if (!Pattern().IsMatch(candidate)) return false;
        domain = candidate;
        return true;
    }

    /// <summary>The shop of a session token's <c>dest</c> (<c>https://{shop}.myshopify.com</c>), or null.</summary>
    public static string? FromDestination(string? dest)
    {
        if (!Uri.TryCreate(dest, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps) return null;
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || !uri.IsDefaultPort || uri.UserInfo.Length > 0) return null;
        return TryNormalize(uri.Host, out var domain) ? domain : null;
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]*\.myshopify\.com$")]
    private static partial Regex Pattern();
}
