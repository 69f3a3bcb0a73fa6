using System.Text.RegularExpressions;

namespace ConversationalCommerce.Shopify.ProductCsv;

/// <summary>A permanent shop domain: lower-case name.myshopify.com, nothing else (no paths, ports or other hosts).</summary>
public static partial class ShopDomain
{
    public static bool IsValid(string? domain) => domain is not null && Pattern().IsMatch(domain);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*\\.myshopify\\.com$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
