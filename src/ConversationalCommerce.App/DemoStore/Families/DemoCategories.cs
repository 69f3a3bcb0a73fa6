namespace ConversationalCommerce.App.DemoStore.Families;

/// <summary>Every category of the demo catalog, in display order.</summary>
internal static class DemoCategories
{
    public static readonly IReadOnlyList<DemoCategory> All =
    [
        ApparelFamilies.Category,
        JewelleryFamilies.Category,
        HomeKitchenFamilies.Category,
        BeautyFamilies.Category,
        ToysGamesFamilies.Category,
        BooksStationeryFamilies.Category,
        SportsOutdoorsFamilies.Category,
        ElectronicsFamilies.Category,
    ];

    /// <summary>Families bought together; the order generator puts them in the same basket often.</summary>
    public static readonly IReadOnlyList<(string First, string Second)> CoPurchases =
    [
        ("mug", "coffee"),
        ("yoga-mat", "water-bottle"),
        ("necklace", "gift-box"),
        ("earrings", "gift-box"),
        ("candle", "throw"),
        ("notebook", "pen"),
        ("board-game", "card-game"),
        ("phone-case", "charger"),
        ("sweater", "scarf"),
        ("face-serum", "hand-cream"),
        ("cutting-board", "cookbook"),
        ("blocks", "picture-book"),
        ("backpack", "headlamp"),
        ("tea", "mug"),
    ];

    public static DemoCategory? ForTags(IEnumerable<string> tags)
    {
        var set = tags.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return All.FirstOrDefault(c => set.Contains(c.Tag));
    }
}
