namespace ConversationalCommerce.App.DemoStore.Families;

internal static class BeautyFamilies
{
    public static readonly DemoCategory Category = new("beauty", "Beauty", TileShape.Bottle, "blush pink",
    [
        new ProductFamily
        {
            Key = "hand-cream", Noun = "Hand Cream", ProductType = "Hand Cream",
            Styles = ["Rose & Geranium", "Unscented", "Neroli", "Oat & Honey", "Sea Buckthorn", "Lavender", "Cedar & Vetiver"],
            Material = "Shea butter, sweet almond oil and glycerin; vegan and cruelty-free",
            Pitch = "A rich but fast-absorbing hand cream that rescues winter hands without leaving them greasy.",
            Fit = "75 ml (2.5 fl oz) aluminium tube",
            Care = "Store below 25 °C; use within 12 months of opening",
            MinPrice = 12, MaxPrice = 26, Vendors = ["Wildroot Botanicals"],
            Tags = ["for-her", "stocking-stuffer", "eco", "vegan"],
        },
        new ProductFamily
        {
            Key = "bath-soak", Noun = "Bath Soak", ProductType = "Bath Salts",
            Styles = ["Eucalyptus", "Lavender Sleep", "Muscle Recovery", "Rose Petal", "Citrus Bright", "Forest Bathing", "Chamomile"],
            Material = "Magnesium flakes, Dead Sea salt and pure essential oils",
            Pitch = "A mineral-rich bath soak that turns an ordinary evening into a proper unwind.",
            Fit = "500 g (17.6 oz) glass jar with a wooden scoop",
            Care = "Keep the lid closed; avoid contact with eyes",
            MinPrice = 18, MaxPrice = 34, Vendors = ["Wildroot Botanicals"],
            Tags = ["self-care", "for-her", "birthday", "mothers-day"],
        },
        new ProductFamily
        {
            Key = "face-serum", Noun = "Face Serum", ProductType = "Serum",
            Styles = ["Vitamin C", "Hyaluronic", "Niacinamide", "Squalane", "Retinol Night", "Rosehip", "Bakuchiol"],
            Material = "Dermatologist-tested, fragrance-free formula in a UV-protective glass bottle",
            Pitch = "A lightweight serum that layers under moisturiser and shows results in a few weeks.",
            Fit = "30 ml (1 fl oz) dropper bottle; about three months of daily use",
            Care = "Patch test first; store away from sunlight",
            MinPrice = 24, MaxPrice = 68, Vendors = ["Wildroot Botanicals", "Lumen Skin"],
            Tags = ["skincare", "for-her", "vegan"],
        },
        new ProductFamily
        {
            Key = "fragrance", Noun = "Eau de Parfum", ProductType = "Fragrance",
            Styles = ["Vetiver Noir", "White Tea", "Oud & Amber", "Fig Leaf", "Sandalwood", "Citrus Grove", "Peony"],
            Material = "Perfumer's alcohol and fine fragrance oils; phthalate-free",
            Pitch = "A long-lasting, unisex scent built around a few good ingredients, in a weighty glass flacon.",
            Fit = "50 ml (1.7 fl oz) spray",
            Care = "Store away from heat and light",
            MinPrice = 48, MaxPrice = 140, Vendors = ["Lumen Skin"],
            Tags = ["for-her", "for-him", "anniversary", "valentines", "christmas"],
        },
        new ProductFamily
        {
            Key = "beard-oil", Noun = "Beard Oil", ProductType = "Beard Oil",
            Styles = ["Cedarwood", "Sandalwood", "Bay Rum", "Unscented", "Tobacco Vanilla", "Eucalyptus", "Black Pepper"],
            Material = "Cold-pressed jojoba and argan oils with vitamin E",
            Pitch = "A few drops tame and soften a beard and stop the itch underneath.",
            Fit = "30 ml (1 fl oz) amber dropper bottle",
            Care = "Store upright, away from sunlight",
            MinPrice = 16, MaxPrice = 32, Vendors = ["Harbor & Pine"],
            Tags = ["for-him", "fathers-day", "grooming", "stocking-stuffer"],
        },
        new ProductFamily
        {
            Key = "spa-set", Noun = "Spa Gift Set", ProductType = "Gift Set",
            Styles = ["Lavender Calm", "Rose Renewal", "Citrus Wake-Up", "Sunday Unwind", "Eucalyptus Steam", "Honey Oat", "Cocoa Butter"],
            Material = "Bath soak, body butter, lip balm and a cotton muslin cloth",
            Pitch = "Everything for an evening of self-care, arranged in a ribboned box and ready to give.",
            Fit = "Box 24 × 18 × 8 cm; four full-size products",
            Care = "See each product for storage",
            MinPrice = 34, MaxPrice = 79, Vendors = ["Wildroot Botanicals"],
            Tags = ["for-her", "birthday", "mothers-day", "christmas", "self-care"],
        },
    ]);
}
