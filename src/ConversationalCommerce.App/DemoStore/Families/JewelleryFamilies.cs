namespace ConversationalCommerce.App.DemoStore.Families;

internal static class JewelleryFamilies
{
    public static readonly DemoCategory Category = new("jewellery", "Jewellery", TileShape.Gem, "blush pink",
    [
        new ProductFamily
        {
            Key = "necklace", Noun = "Pendant Necklace", ProductType = "Necklace",
            Styles = ["Initial Disc", "Birthstone", "Crescent Moon", "Tiny Heart", "Pearl Drop", "North Star", "Engraved Bar"],
            Material = "Recycled sterling silver or 14k gold vermeil over silver",
            Pitch = "A delicate pendant on a fine cable chain, made to be worn every day and layered with others.",
            Fit = "18 in (46 cm) chain with a 2 in (5 cm) extender; pendant about 12 mm",
            Care = "Store in the pouch provided; remove before swimming; polish with a soft cloth",
            MinPrice = 35, MaxPrice = 120, Vendors = ["Copperleaf Jewellery", "Saltmarsh Studio"],
            Tags = ["for-her", "anniversary", "birthday", "wedding", "christmas"],
            Materials = OptionScale.Precious,
        },
        new ProductFamily
        {
            Key = "earrings", Noun = "Earrings", ProductType = "Earrings",
            Styles = ["Huggie Hoop", "Pearl Stud", "Threader", "Opal Drop", "Mini Hoop", "Knot Stud", "Teardrop"],
            Material = "Hypoallergenic, nickel-free sterling silver posts",
            Pitch = "Lightweight earrings with a secure closure, comfortable from morning coffee to a night out.",
            Fit = "Sold as a pair; 8-20 mm depending on style",
            Care = "Wipe clean after wear; keep away from perfume and lotions",
            MinPrice = 28, MaxPrice = 95, Vendors = ["Copperleaf Jewellery", "Saltmarsh Studio"],
            Tags = ["for-her", "birthday", "anniversary", "bridesmaid"],
            Materials = OptionScale.PreciousThree,
        },
        new ProductFamily
        {
            Key = "ring", Noun = "Ring", ProductType = "Ring",
            Styles = ["Stacking", "Signet", "Twisted Band", "Dainty Solitaire", "Hammered", "Eternity", "Open Leaf"],
            Material = "Recycled sterling silver or 14k gold vermeil; lab-grown stones",
            Pitch = "A ring with quiet detail, finished by hand in our studio; lovely alone or stacked.",
            Fit = "US ring sizes 5-9; band width 1.5-6 mm depending on style",
            Care = "Take off for hand washing and the gym; polish with a soft cloth",
            MinPrice = 32, MaxPrice = 180, Vendors = ["Copperleaf Jewellery", "Saltmarsh Studio"],
            Tags = ["for-her", "anniversary", "wedding", "birthday"],
            Sizes = OptionScale.Ring, Materials = OptionScale.Precious,
        },
        new ProductFamily
        {
            Key = "bracelet", Noun = "Bracelet", ProductType = "Bracelet",
            Styles = ["Beaded Gemstone", "Open Cuff", "Tennis", "Chain Link", "Friendship", "Bangle", "Charm"],
            Material = "Sterling silver or 14k gold vermeil; natural gemstone beads",
            Pitch = "A bracelet with a little sparkle that slips easily on and off, sized to sit just right.",
            Fit = "Adjustable 6-7.5 in (15-19 cm)",
            Care = "Avoid water and perfume; store flat",
            MinPrice = 24, MaxPrice = 140, Vendors = ["Saltmarsh Studio"],
            Tags = ["for-her", "birthday", "friendship", "mothers-day"],
            Materials = OptionScale.Precious,
        },
        new ProductFamily
        {
            Key = "cufflinks", Noun = "Cufflinks", ProductType = "Cufflinks",
            Styles = ["Engraved Oval", "Silk Knot", "Onyx Square", "Compass", "Brushed Bar", "Vintage Watch", "Monogram"],
            Material = "Brushed 316L stainless steel with a bullet-back closure",
            Pitch = "Cufflinks with character for weddings, interviews and every shirt that deserves better than buttons.",
            Fit = "Sold as a pair; face about 16 mm; presented in a walnut box",
            Care = "Wipe with a dry cloth; store in the box",
            MinPrice = 39, MaxPrice = 89, Vendors = ["Harbor & Pine"],
            Tags = ["for-him", "wedding", "groomsmen", "anniversary", "fathers-day"],
        },
        new ProductFamily
        {
            Key = "gift-box", Noun = "Jewellery Gift Box", ProductType = "Gift Box",
            Styles = ["Velvet-Lined", "Kraft Ribbon", "Keepsake", "Travel Zip", "Linen-Covered", "Mini Ring", "Magnetic"],
            Material = "Rigid recycled board with a velvet insert and satin ribbon",
            Pitch = "The finishing touch: a sturdy presentation box that turns a piece of jewellery into a proper present.",
            Fit = "Fits one necklace, pair of earrings or ring; 9 × 9 × 4 cm",
            Care = "Keep dry; reuse for storage",
            MinPrice = 6, MaxPrice = 24, Vendors = ["Saltmarsh Studio", "Inkwell & Quire"],
            Tags = ["gift-wrap", "eco", "wedding", "birthday"],
            Colors = ["blush pink", "navy", "forest green", "cream"],
        },
        new ProductFamily
        {
            Key = "watch", Noun = "Watch", ProductType = "Watch",
            Styles = ["Minimalist Mesh", "Field", "Leather Strap", "Chronograph", "Dress", "Skeleton", "Diver"],
            Material = "Stainless steel case, sapphire-coated crystal, Japanese quartz movement",
            Pitch = "A clean, legible watch with a 38 mm case that suits small and large wrists alike.",
            Fit = "38 mm case, 20 mm interchangeable strap; water resistant to 50 m",
            Care = "Avoid hot water; replace the battery every two to three years",
            MinPrice = 89, MaxPrice = 320, Vendors = ["Harbor & Pine", "Copperleaf Jewellery"],
            Tags = ["for-him", "for-her", "anniversary", "graduation"],
            Colors = ["black", "tan", "navy", "silver"],
        },
    ]);
}
