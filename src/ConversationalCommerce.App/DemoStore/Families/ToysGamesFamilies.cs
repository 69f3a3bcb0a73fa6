namespace ConversationalCommerce.App.DemoStore.Families;

internal static class ToysGamesFamilies
{
    public static readonly DemoCategory Category = new("toys-games", "Toys & Games", TileShape.Blocks, "mustard",
    [
        new ProductFamily
        {
            Key = "blocks", Noun = "Wooden Block Set", ProductType = "Building Blocks",
            Styles = ["Rainbow Stacking", "Castle Builder", "Alphabet", "Architect", "Balancing", "Magnetic", "Train Town"],
            Material = "Sustainably harvested beech wood with water-based, non-toxic paint",
            Pitch = "Open-ended wooden blocks that grow with a child, from first towers to whole towns.",
            Fit = "30-60 pieces in a cotton storage bag; suitable from 3 years",
            Care = "Wipe clean with a damp cloth; do not soak",
            MinPrice = 24, MaxPrice = 69, Vendors = ["Little Maple Co.", "Bright Owl Toys"],
            Tags = ["for-kids", "ages-3-5", "eco", "birthday", "christmas"],
        },
        new ProductFamily
        {
            Key = "puzzle", Noun = "Jigsaw Puzzle", ProductType = "Puzzle",
            Styles = ["Botanical Garden", "Night Sky", "Vintage Map", "Coral Reef", "Mountain Lake", "Book Nook", "Cat Café"],
            Material = "Recycled board with linen-finish print; vegetable inks",
            Pitch = "A richly illustrated puzzle with snug-fitting pieces and a poster of the picture for reference.",
            Fit = "500 pieces: 49 × 36 cm; 1000 pieces: 69 × 48 cm finished",
            Care = "Keep dry",
            MinPrice = 19, MaxPrice = 30, Vendors = ["Bright Owl Toys", "Inkwell & Quire"],
            Tags = ["for-her", "for-him", "family", "christmas"],
            Sizes = OptionScale.Puzzle,
        },
        new ProductFamily
        {
            Key = "board-game", Noun = "Board Game", ProductType = "Board Game",
            Styles = ["Island Traders", "Lighthouse Keepers", "Dragon's Hoard", "Orchard Harvest", "Train Barons", "Haunted Manor", "Word Garden"],
            Material = "Linen-finish board, wooden pieces, illustrated cards",
            Pitch = "A family strategy game that teaches in ten minutes and plays in forty; 2-5 players.",
            Fit = "Box 30 × 30 × 7 cm; ages 8 and up",
            Care = "Keep dry",
            MinPrice = 29, MaxPrice = 59, Vendors = ["Bright Owl Toys"],
            Tags = ["family", "game-night", "christmas", "birthday", "ages-8-12"],
        },
        new ProductFamily
        {
            Key = "plush", Noun = "Plush Toy", ProductType = "Plush",
            Styles = ["Sleepy Fox", "Cuddly Bear", "Little Whale", "Floppy Bunny", "Dino", "Lazy Sloth", "Penguin"],
            Material = "Organic cotton shell with recycled polyester fill",
            Pitch = "A huggable friend with embroidered eyes, safe from birth and soft enough for every nap.",
            Fit = "About 30 cm (12 in) tall",
            Care = "Surface wash or machine wash cold in a laundry bag",
            MinPrice = 16, MaxPrice = 39, Vendors = ["Little Maple Co."],
            Tags = ["for-kids", "ages-0-2", "baby-shower", "birthday"],
            Colors = ["sand", "sky blue", "blush pink", "sage"],
        },
        new ProductFamily
        {
            Key = "craft-kit", Noun = "Craft Kit", ProductType = "Craft Kit",
            Styles = ["Watercolour", "Friendship Bracelet", "Clay Modelling", "Tie-Dye", "Origami", "Sticker Mosaic", "Weaving Loom"],
            Material = "Non-toxic paints and materials, step-by-step illustrated guide",
            Pitch = "A complete creative project in a box: everything needed for a rainy afternoon, no trip to the shops.",
            Fit = "Box 28 × 22 × 6 cm; ages 6 and up",
            Care = "Adult supervision recommended for under 8s",
            MinPrice = 18, MaxPrice = 42, Vendors = ["Bright Owl Toys", "Little Maple Co."],
            Tags = ["for-kids", "ages-6-8", "birthday", "creative"],
        },
        new ProductFamily
        {
            Key = "card-game", Noun = "Card Game", ProductType = "Card Game",
            Styles = ["Quick Fox", "Pirate Parley", "Cat Burglars", "Sushi Stack", "Space Race", "Garden Gnomes", "Trivia Night"],
            Material = "Linen-finish playing cards in a magnetic tin",
            Pitch = "A fast, funny card game that fits in a pocket and gets everyone at the table laughing.",
            Fit = "Tin 12 × 9 × 3 cm; 2-6 players; ages 7 and up",
            Care = "Keep dry",
            MinPrice = 12, MaxPrice = 24, Vendors = ["Bright Owl Toys"],
            Tags = ["stocking-stuffer", "family", "game-night", "ages-8-12"],
        },
    ]);
}
