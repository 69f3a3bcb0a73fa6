namespace ConversationalCommerce.App.DemoStore.Families;

internal static class SportsOutdoorsFamilies
{
    public static readonly DemoCategory Category = new("sports-outdoors", "Sports & Outdoors", TileShape.Mountain, "forest green",
    [
        new ProductFamily
        {
            Key = "yoga-mat", Noun = "Yoga Mat", ProductType = "Yoga Mat",
            Styles = ["Grip Pro", "Cork", "Travel Fold", "Extra-Thick", "Alignment", "Jute", "Mandala Print"],
            Material = "Natural tree rubber base with a sweat-wicking microfibre top",
            Pitch = "A non-slip mat with real cushioning for knees and wrists, from slow flow to hot yoga.",
            Fit = "183 × 61 cm (72 × 24 in), 4 mm thick; carrying strap included",
            Care = "Wipe with diluted vinegar after practice; air dry out of the sun",
            MinPrice = 39, MaxPrice = 110, Vendors = ["Tidewater Outfitters", "Fernhill Goods"],
            Tags = ["fitness", "for-her", "eco", "wellness", "new-year"],
            Colors = ["sage", "plum", "slate blue", "charcoal", "blush pink"],
        },
        new ProductFamily
        {
            Key = "water-bottle", Noun = "Water Bottle", ProductType = "Water Bottle",
            Styles = ["Insulated Steel", "Wide-Mouth", "Trail", "Glass Infuser", "Collapsible", "Kids' Straw", "Sport Chug"],
            Material = "Double-wall vacuum-insulated 18/8 stainless steel; BPA-free lid",
            Pitch = "Keeps drinks cold for 24 hours or hot for 12, and never sweats in a bag.",
            Fit = "750 ml (25 oz); fits most car cup holders",
            Care = "Hand wash; lid is top-rack dishwasher safe",
            MinPrice = 18, MaxPrice = 44, Vendors = ["Tidewater Outfitters"],
            Tags = ["fitness", "eco", "stocking-stuffer", "back-to-school"],
            Colors = ["forest green", "navy", "white", "coral", "black"],
        },
        new ProductFamily
        {
            Key = "backpack", Noun = "Daypack", ProductType = "Backpack",
            Styles = ["Trailhead", "Summit", "Rolltop", "Ultralight", "Commuter", "Waxed Canvas", "Kids' Explorer"],
            Material = "Recycled ripstop nylon with a water-repellent finish",
            Pitch = "A comfortable 22-litre pack with a padded laptop sleeve and hip belt, from city to summit.",
            Fit = "22 L; 48 × 30 × 18 cm; fits a 15 in laptop",
            Care = "Spot clean with mild soap; air dry",
            MinPrice = 49, MaxPrice = 139, Vendors = ["Tidewater Outfitters"],
            Tags = ["for-him", "for-her", "adventure", "travel", "back-to-school"],
            Colors = ["forest green", "rust", "navy", "black", "sand"],
        },
        new ProductFamily
        {
            Key = "hammock", Noun = "Camping Hammock", ProductType = "Hammock",
            Styles = ["Single", "Double", "Ultralight", "Parachute Nylon", "Quilted", "Kids'", "Bug-Net"],
            Material = "Breathable parachute nylon; tree straps and steel carabiners included",
            Pitch = "Sets up in two minutes between any two trees; packs down to the size of a water bottle.",
            Fit = "280 × 140 cm; holds up to 180 kg (400 lb)",
            Care = "Machine wash cold in a laundry bag; air dry",
            MinPrice = 29, MaxPrice = 89, Vendors = ["Tidewater Outfitters"],
            Tags = ["adventure", "for-him", "summer", "travel"],
            Colors = ["forest green", "sky blue", "rust", "charcoal"],
        },
        new ProductFamily
        {
            Key = "resistance-bands", Noun = "Resistance Band Set", ProductType = "Fitness Equipment",
            Styles = ["Fabric Loop", "Tube", "Mini Loop", "Pull-Up Assist", "Physio", "Glute", "Travel"],
            Material = "Latex-free TPE or woven fabric bands, carry pouch and exercise guide",
            Pitch = "Five progressive resistance levels for a full-body workout anywhere: at home, in a hotel room, at the park.",
            Fit = "Five bands, 5-50 lb resistance",
            Care = "Wipe clean; store out of direct sunlight",
            MinPrice = 15, MaxPrice = 45, Vendors = ["Fernhill Goods"],
            Tags = ["fitness", "wellness", "new-year"],
        },
        new ProductFamily
        {
            Key = "headlamp", Noun = "Headlamp", ProductType = "Headlamp",
            Styles = ["Rechargeable Trail", "Ultralight", "Red Light", "Running", "Kids' Adventure", "Waterproof", "Camp"],
            Material = "Aluminium housing, USB-C rechargeable battery, washable strap",
            Pitch = "A bright, comfortable headlamp with a red night mode; small enough to live in a coat pocket.",
            Fit = "350 lumens; 45 g; up to 40 hours on low",
            Care = "Charge every three months when stored",
            MinPrice = 19, MaxPrice = 59, Vendors = ["Tidewater Outfitters", "Lumen Audio"],
            Tags = ["adventure", "stocking-stuffer", "for-him"],
        },
    ]);
}
