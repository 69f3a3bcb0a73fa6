namespace ConversationalCommerce.App.DemoStore.Families;

internal static class ApparelFamilies
{
    public static readonly DemoCategory Category = new("apparel", "Apparel", TileShape.Shirt, "slate blue",
    [
        new ProductFamily
        {
            Key = "scarf", Noun = "Wool Scarf", ProductType = "Scarf",
            Styles = ["Herringbone", "Ribbed", "Fringed Plaid", "Houndstooth", "Colour-Block", "Waffle-Knit", "Heathered"],
            Material = "Merino wool with 10% cashmere",
            Pitch = "A soft, generously long scarf that takes the bite out of winter mornings and looks as good over a coat as with a sweater.",
            Fit = "Approx. 180 × 30 cm (71 × 12 in); one size",
            Care = "Hand wash cold with wool detergent, dry flat",
            MinPrice = 28, MaxPrice = 75, Vendors = ["Northwind Atelier", "Harbor & Pine"],
            Tags = ["for-her", "for-him", "christmas", "winter"],
            Colors = ["charcoal", "camel", "forest green", "burgundy", "navy", "oatmeal"],
        },
        new ProductFamily
        {
            Key = "sweater", Noun = "Lambswool Sweater", ProductType = "Sweater",
            Styles = ["Fisherman", "Everyday Crewneck", "Shetland", "Saddle-Shoulder", "Brushed", "Marled", "Relaxed V-Neck"],
            Material = "100% lambswool, spun in Scotland",
            Pitch = "A warm, breathable knit that softens with every wear: the sweater that ends up being worn all season.",
            Fit = "Regular fit; the model is 6'0\" (183 cm) and wears size M",
            Care = "Hand wash cold or dry clean; fold, never hang",
            MinPrice = 68, MaxPrice = 145, Vendors = ["Northwind Atelier", "Harbor & Pine"],
            Tags = ["for-him", "for-her", "christmas", "winter"],
            Colors = ["navy", "oatmeal", "forest green", "charcoal", "rust"],
            Sizes = OptionScale.Apparel,
        },
        new ProductFamily
        {
            Key = "tee", Noun = "Organic Cotton Tee", ProductType = "T-Shirt",
            Styles = ["Classic", "Pocket", "Boxy", "Ringer", "Long-Sleeve", "Garment-Dyed", "Slub"],
            Material = "100% GOTS-certified organic cotton jersey, 180 gsm",
            Pitch = "A well-cut everyday tee with a sturdy collar that keeps its shape wash after wash.",
            Fit = "True to size with a straight hem; size up for a relaxed look",
            Care = "Machine wash cold, tumble dry low",
            MinPrice = 22, MaxPrice = 42, Vendors = ["Fernhill Goods", "Tidewater Outfitters"],
            Tags = ["eco", "for-him", "for-her", "birthday"],
            Colors = ["white", "black", "heather grey", "sage", "navy", "terracotta"],
            Sizes = OptionScale.Apparel,
        },
        new ProductFamily
        {
            Key = "beanie", Noun = "Beanie", ProductType = "Hat",
            Styles = ["Fisherman Rib", "Cuffed Merino", "Pom-Pom", "Slouchy Cable", "Waffle", "Watch Cap", "Speckled"],
            Material = "Recycled wool and nylon blend",
            Pitch = "A cosy knit hat with a deep turn-up cuff; an easy stocking stuffer for anyone who feels the cold.",
            Fit = "One size; stretches to fit 54-60 cm (21-23.5 in) heads",
            Care = "Hand wash cold, reshape and dry flat",
            MinPrice = 18, MaxPrice = 38, Vendors = ["Tidewater Outfitters", "Harbor & Pine"],
            Tags = ["christmas", "for-him", "for-her", "winter", "eco", "stocking-stuffer"],
            Colors = ["mustard", "navy", "forest green", "charcoal", "blush pink", "cream"],
        },
        new ProductFamily
        {
            Key = "socks", Noun = "Wool Socks", ProductType = "Socks",
            Styles = ["Hiking", "Cosy Cabin", "Striped", "Fair Isle", "Everyday Crew", "Argyle", "Ribbed Boot"],
            Material = "Merino wool blend with a nylon-reinforced heel and toe",
            Pitch = "Cushioned, temperature-regulating socks that stay fresh on long days, on the trail or at home.",
            Fit = "Mid-calf height; see size chart for shoe sizes",
            Care = "Machine wash warm inside out, tumble dry low",
            MinPrice = 14, MaxPrice = 29, Vendors = ["Tidewater Outfitters"],
            Tags = ["stocking-stuffer", "christmas", "for-him", "for-her"],
            Colors = ["charcoal", "oatmeal", "navy", "burgundy", "forest green"],
            Sizes = OptionScale.Socks,
        },
        new ProductFamily
        {
            Key = "sneakers", Noun = "Canvas Sneakers", ProductType = "Shoes",
            Styles = ["Low-Top", "High-Top", "Slip-On", "Court", "Retro Runner", "Platform", "Minimalist"],
            Material = "Organic cotton canvas upper, natural rubber sole, cork footbed",
            Pitch = "Clean, versatile sneakers with a cushioned cork footbed that moulds to the foot.",
            Fit = "US sizing, true to size; between sizes, go half a size up",
            Care = "Spot clean with mild soap and a soft brush; air dry",
            MinPrice = 59, MaxPrice = 129, Vendors = ["Fernhill Goods"],
            Tags = ["for-her", "for-him", "birthday", "eco"],
            Colors = ["white", "black", "navy", "sage", "sand"],
            Sizes = OptionScale.Shoe,
        },
        new ProductFamily
        {
            Key = "kids-pajamas", Noun = "Kids' Pajama Set", ProductType = "Pajamas",
            Styles = ["Rocket", "Dinosaur", "Rainbow", "Woodland Fox", "Starry Night", "Whale", "Strawberry"],
            Material = "Organic cotton rib jersey, flame-retardant free",
            Pitch = "Snug-fitting two-piece pajamas with a playful all-over print; soft enough for the fussiest sleepers.",
            Fit = "Snug fit for safety; long-sleeve top and cuffed pants",
            Care = "Machine wash cold, tumble dry low",
            MinPrice = 24, MaxPrice = 38, Vendors = ["Little Maple Co."],
            Tags = ["for-kids", "christmas", "ages-3-5", "birthday"],
            Colors = ["sky blue", "blush pink", "mint", "navy"],
            Sizes = OptionScale.Kids,
        },
    ]);
}
