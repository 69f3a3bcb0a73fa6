namespace ConversationalCommerce.App.DemoStore.Families;

internal static class HomeKitchenFamilies
{
    public static readonly DemoCategory Category = new("home-kitchen", "Home & Kitchen", TileShape.Mug, "terracotta",
    [
        new ProductFamily
        {
            Key = "mug", Noun = "Mug", ProductType = "Mug",
            Styles = ["Speckled Stoneware", "Hand-Thrown", "Enamel Camp", "Double-Wall Glass", "Matte Ceramic", "Reactive Glaze", "Monogram"],
            Material = "High-fired stoneware with a food-safe glaze",
            Pitch = "A generous mug with a comfortable handle, made for slow mornings and the second cup.",
            Fit = "Holds 12 oz (350 ml); 9.5 cm tall",
            Care = "Dishwasher and microwave safe",
            MinPrice = 14, MaxPrice = 36, Vendors = ["Juniper Lane", "Fernhill Goods"],
            Tags = ["housewarming", "birthday", "for-her", "for-him", "coffee-lover"],
            Colors = ["cream", "sage", "slate blue", "terracotta", "black"],
        },
        new ProductFamily
        {
            Key = "coffee", Noun = "Coffee Beans", ProductType = "Coffee",
            Styles = ["Ethiopia Yirgacheffe", "Colombia Huila", "Guatemala Antigua", "House Espresso", "Sumatra Dark Roast", "Kenya AA", "Swiss Water Decaf"],
            Material = "Whole-bean, specialty-grade arabica, roasted to order",
            Pitch = "Small-batch coffee roasted every Tuesday and shipped within 48 hours, with tasting notes on the bag.",
            Fit = "12 oz (340 g) or 2 lb (907 g) resealable valve bag",
            Care = "Store airtight away from light; best within four weeks of roasting",
            MinPrice = 16, MaxPrice = 24, Vendors = ["Copperleaf Roasters"],
            Tags = ["coffee-lover", "housewarming", "for-him", "for-her", "stocking-stuffer"],
            Sizes = OptionScale.CoffeeBag,
        },
        new ProductFamily
        {
            Key = "candle", Noun = "Soy Candle", ProductType = "Candle",
            Styles = ["Fig & Cedar", "Sea Salt & Sage", "Amber Woods", "Fresh Linen", "Blood Orange", "Lavender Fields", "Winter Pine"],
            Material = "Natural soy wax, cotton wick, reusable amber glass jar",
            Pitch = "A hand-poured candle with a clean, even burn and a scent that fills a room without overwhelming it.",
            Fit = "8 oz (227 g); about 50 hours of burn time",
            Care = "Trim the wick to 5 mm before each burn; never leave unattended",
            MinPrice = 18, MaxPrice = 38, Vendors = ["Wildroot Botanicals", "Juniper Lane"],
            Tags = ["housewarming", "for-her", "christmas", "birthday", "eco"],
        },
        new ProductFamily
        {
            Key = "throw", Noun = "Throw Blanket", ProductType = "Throw",
            Styles = ["Waffle Weave", "Chunky Knit", "Herringbone Wool", "Sherpa Fleece", "Fringed Cotton", "Linen Gauze", "Checkered"],
            Material = "Soft brushed cotton and recycled wool",
            Pitch = "A weighty, snuggly throw for the sofa or the foot of the bed; the gift that gets used every evening.",
            Fit = "130 × 170 cm (51 × 67 in)",
            Care = "Machine wash cold on a gentle cycle, line dry",
            MinPrice = 49, MaxPrice = 159, Vendors = ["Juniper Lane", "Harbor & Pine"],
            Tags = ["housewarming", "wedding", "christmas", "for-her"],
            Colors = ["oatmeal", "forest green", "rust", "charcoal", "blush pink"],
        },
        new ProductFamily
        {
            Key = "cutting-board", Noun = "Cutting Board", ProductType = "Cutting Board",
            Styles = ["End-Grain Walnut", "Olive Wood", "Maple Serving", "Acacia Round", "Engraved Family", "Cherry Charcuterie", "Bamboo Prep"],
            Material = "Solid hardwood, finished with food-safe mineral oil and beeswax",
            Pitch = "A heavy, knife-friendly board that doubles as a serving platter for cheese and bread.",
            Fit = "About 40 × 28 × 2.5 cm (16 × 11 × 1 in)",
            Care = "Hand wash and dry upright; oil monthly; never soak",
            MinPrice = 29, MaxPrice = 119, Vendors = ["Fernhill Goods", "Juniper Lane"],
            Tags = ["housewarming", "wedding", "for-him", "foodie"],
        },
        new ProductFamily
        {
            Key = "tea", Noun = "Loose Leaf Tea", ProductType = "Tea",
            Styles = ["Earl Grey Crème", "Jasmine Pearl", "Chamomile Citrus", "Masala Chai", "First Flush Sencha", "Rooibos Vanilla", "Peppermint"],
            Material = "Organic whole-leaf tea and botanicals",
            Pitch = "Fragrant loose-leaf tea in a keepsake tin, blended in small batches; makes 25-50 cups.",
            Fit = "2 oz (57 g) or 4 oz (113 g) tin",
            Care = "Keep the tin closed and away from heat and light",
            MinPrice = 12, MaxPrice = 22, Vendors = ["Copperleaf Roasters", "Wildroot Botanicals"],
            Tags = ["tea-lover", "for-her", "housewarming", "christmas", "stocking-stuffer"],
            Sizes = OptionScale.TeaTin,
        },
    ]);
}
