namespace ConversationalCommerce.Shopify.Sync;

/// <summary>Shopify global ids: <c>gid://shopify/Product/123</c> (sometimes with a <c>?query</c> tail).</summary>
public static class ShopifyGid
{
    private const string Prefix = "gid://shopify/";

    public static bool TryParse(string? gid, out string type, out long id)
    {
        type = "";
        id = 0;
        if (gid is null || !gid.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var rest = gid.AsSpan(Prefix.Length);
        var q = rest.IndexOf('?');
        if (q >= 0) rest = rest[..q];
        var slash = rest.IndexOf('/');
        if (slash <= 0) return false;
        if (!long.TryParse(rest[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id)) return false;
        type = rest[..slash].ToString();
        return true;
    }

    /// <summary>The numeric id of a GID of the expected type, or null.</summary>
    public static long? IdOf(string? gid, string expectedType) =>
        TryParse(gid, out var type, out var id) && type == expectedType ? id : null;

    public static string Of(string type, long id) => $"{Prefix}{type}/{id}";
}
