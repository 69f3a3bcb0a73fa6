namespace ConversationalCommerce.Engine.Search.Index;

/// <summary>Clothing sizes are written many ways ("M", "Medium", "med"); one canonical form per size so filters match.</summary>
public static class SizeNames
{
    private static readonly Dictionary<string, string> Canonical = new(StringComparer.OrdinalIgnoreCase)
    {
        ["xxs"] = "xxs", ["2xs"] = "xxs", ["extra extra small"] = "xxs",
        ["xs"] = "xs", ["x-small"] = "xs", ["x small"] = "xs", ["extra small"] = "xs",
        ["s"] = "s", ["sm"] = "s", ["small"] = "s",
        ["m"] = "m", ["med"] = "m", ["medium"] = "m",
        ["l"] = "l", ["lg"] = "l", ["large"] = "l",
        ["xl"] = "xl", ["x-large"] = "xl", ["x large"] = "xl", ["extra large"] = "xl",
        ["xxl"] = "xxl", ["2xl"] = "xxl", ["xx-large"] = "xxl", ["extra extra large"] = "xxl",
        ["xxxl"] = "xxxl", ["3xl"] = "xxxl", ["xxx-large"] = "xxxl",
        ["os"] = "one size", ["one size"] = "one size", ["one size fits all"] = "one size",
    };

    public static string Normalize(string? size)
    {
        var s = (size ?? "").Trim().ToLowerInvariant();
        return Canonical.TryGetValue(s, out var c) ? c : s;
    }
}
