namespace ConversationalCommerce.App.DemoStore.Families;

internal static class ElectronicsFamilies
{
    public static readonly DemoCategory Category = new("electronics", "Electronics Accessories", TileShape.Headphones, "charcoal",
    [
        new ProductFamily
        {
            Key = "headphones", Noun = "Headphones", ProductType = "Headphones",
            Styles = ["Noise-Cancelling Over-Ear", "Studio", "Kids' Volume-Limited", "Foldable Wireless", "Sport", "Retro", "Sleep"],
            Material = "Protein-leather ear cushions, aluminium hinges, Bluetooth 5.3",
            Pitch = "Rich, balanced sound with a 30-hour battery and cushions comfortable enough for a long flight.",
            Fit = "Adjustable headband; 250 g; 3.5 mm cable included",
            Care = "Wipe cushions with a damp cloth; charge with USB-C",
            MinPrice = 39, MaxPrice = 299, Vendors = ["Lumen Audio"],
            Tags = ["for-him", "for-her", "tech", "birthday", "graduation"],
            Colors = ["black", "white", "navy", "sand"],
        },
        new ProductFamily
        {
            Key = "speaker", Noun = "Bluetooth Speaker", ProductType = "Speaker",
            Styles = ["Waterproof Mini", "Walnut", "Shower", "Outdoor Boom", "Retro Radio", "Smart Home", "Lantern"],
            Material = "Fabric grille, rubberised housing, Bluetooth 5.3 with stereo pairing",
            Pitch = "Room-filling sound from a speaker that shrugs off splashes; 16 hours of play per charge.",
            Fit = "About 18 × 8 × 8 cm; 540 g; IP67 on outdoor models",
            Care = "Rinse with fresh water after salt or chlorine; charge with USB-C",
            MinPrice = 29, MaxPrice = 179, Vendors = ["Lumen Audio"],
            Tags = ["tech", "for-him", "housewarming", "summer"],
            Colors = ["black", "forest green", "coral", "sand"],
        },
        new ProductFamily
        {
            Key = "charger", Noun = "Wireless Charger", ProductType = "Charger",
            Styles = ["3-in-1 Stand", "Walnut Pad", "Travel", "Magnetic", "Alarm Clock", "Desk Organiser", "Power Bank"],
            Material = "Qi2 15 W charging coil, aluminium and hardwood; USB-C cable and adapter included",
            Pitch = "One tidy spot to charge a phone, earbuds and watch overnight.",
            Fit = "Base 18 × 9 cm; works through cases up to 5 mm",
            Care = "Wipe with a dry cloth; keep metal objects off the pad",
            MinPrice = 25, MaxPrice = 89, Vendors = ["Lumen Audio", "Fernhill Goods"],
            Tags = ["tech", "for-him", "stocking-stuffer", "graduation"],
        },
        new ProductFamily
        {
            Key = "phone-case", Noun = "Phone Case", ProductType = "Phone Case",
            Styles = ["Leather", "Compostable", "Clear", "Wallet", "Marbled", "Rugged", "Crossbody"],
            Material = "Shock-absorbing TPU frame with raised edges; MagSafe compatible",
            Pitch = "A slim case that survives 2 m drops and still slides into a pocket.",
            Fit = "Made to measure for each phone model",
            Care = "Wipe with a damp cloth",
            MinPrice = 19, MaxPrice = 59, Vendors = ["Lumen Audio", "Fernhill Goods"],
            Tags = ["tech", "eco", "stocking-stuffer"],
            Colors = ["black", "sand", "sage", "coral"],
            Sizes = OptionScale.PhoneModel,
        },
        new ProductFamily
        {
            Key = "laptop-sleeve", Noun = "Laptop Sleeve", ProductType = "Laptop Sleeve",
            Styles = ["Wool Felt", "Full-Grain Leather", "Waxed Canvas", "Padded", "Cork", "Quilted", "Minimal Zip"],
            Material = "Padded shell with a soft microfibre lining and a front pocket for cables",
            Pitch = "A snug, protective sleeve that makes carrying a laptop to meetings and lectures feel a bit special.",
            Fit = "13, 14 or 16 in laptops",
            Care = "Spot clean",
            MinPrice = 29, MaxPrice = 89, Vendors = ["Harbor & Pine", "Fernhill Goods"],
            Tags = ["tech", "graduation", "back-to-school"],
            Colors = ["charcoal", "tan", "navy"],
            Sizes = OptionScale.Laptop,
        },
        new ProductFamily
        {
            Key = "desk-lamp", Noun = "Desk Lamp", ProductType = "Lamp",
            Styles = ["LED Architect", "Wireless-Charging", "Mushroom", "Clip-On Reading", "Sunrise Alarm", "Rechargeable Lantern", "Smart Dimmable"],
            Material = "Powder-coated aluminium, dimmable warm-to-cool LED",
            Pitch = "Glare-free light with three colour temperatures, for late study sessions and bedtime reading.",
            Fit = "About 40 cm tall; 8 W LED, 50,000-hour life",
            Care = "Dust with a dry cloth",
            MinPrice = 35, MaxPrice = 129, Vendors = ["Lumen Audio", "Juniper Lane"],
            Tags = ["housewarming", "tech", "for-her", "graduation"],
            Colors = ["white", "black", "sage", "mustard"],
        },
    ]);
}
