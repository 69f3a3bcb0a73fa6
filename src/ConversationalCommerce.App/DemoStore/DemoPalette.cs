namespace ConversationalCommerce.App.DemoStore;

/// <summary>The colour names the demo catalog uses, with the hex each tile is drawn in.</summary>
internal static class DemoPalette
{
    private static readonly Dictionary<string, string> Hex = new(StringComparer.OrdinalIgnoreCase)
    {
        ["black"] = "#2b2b2e",
        ["white"] = "#f4f1ea",
        ["cream"] = "#efe6d2",
        ["oatmeal"] = "#d9ccb4",
        ["sand"] = "#d8c3a0",
        ["camel"] = "#b88a57",
        ["tan"] = "#a87b4f",
        ["rust"] = "#a4502d",
        ["terracotta"] = "#c06a4a",
        ["coral"] = "#e97f6b",
        ["burgundy"] = "#7a2838",
        ["plum"] = "#6b3d5f",
        ["blush pink"] = "#efc3c3",
        ["mustard"] = "#d3a431",
        ["sage"] = "#9fb49a",
        ["mint"] = "#b5e0cd",
        ["forest green"] = "#2f5d46",
        ["sky blue"] = "#9cc7e6",
        ["slate blue"] = "#5c6f91",
        ["navy"] = "#1f2d4d",
        ["charcoal"] = "#3c3f44",
        ["heather grey"] = "#a5a7ab",
        ["silver"] = "#c4c8cc",
    };

    public static string HexFor(string? colorName, string fallbackName) =>
        colorName is not null && Hex.TryGetValue(colorName, out var hex) ? hex : Hex.GetValueOrDefault(fallbackName, "#5c6f91");

    public static bool IsKnown(string colorName) => Hex.ContainsKey(colorName);

    /// <summary>Dark backgrounds get light text and vice versa.</summary>
    public static bool IsDark(string hex)
    {
        var r = Convert.ToInt32(hex.Substring(1, 2), 16);
        var g = Convert.ToInt32(hex.Substring(3, 2), 16);
        var b = Convert.ToInt32(hex.Substring(5, 2), 16);
        return 0.299 * r + 0.587 * g + 0.114 * b < 150;
    }

    /// <summary>Title case for option values: "forest green" becomes "Forest Green".</summary>
    public static string DisplayName(string colorName) =>
        string.Join(' ', colorName.Split(' ').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
