namespace ConversationalCommerce.App.DemoStore.Families;

internal static class BooksStationeryFamilies
{
    public static readonly DemoCategory Category = new("books-stationery", "Books & Stationery", TileShape.Book, "navy",
    [
        new ProductFamily
        {
            Key = "notebook", Noun = "Notebook", ProductType = "Notebook",
            Styles = ["Dotted A5", "Lined Pocket", "Linen Hardcover", "Grid", "Leather Travel", "Sketch", "Monogram"],
            Material = "Bookcloth hardcover, 100 gsm acid-free paper that takes fountain-pen ink without bleed",
            Pitch = "A lay-flat notebook with numbered pages, an index and two ribbon markers.",
            Fit = "A5 (14.8 × 21 cm), 192 pages",
            Care = "Keep dry",
            MinPrice = 14, MaxPrice = 45, Vendors = ["Inkwell & Quire"],
            Tags = ["for-her", "for-him", "back-to-school", "graduation", "stationery"],
            Colors = ["navy", "forest green", "burgundy", "mustard", "black"],
        },
        new ProductFamily
        {
            Key = "pen", Noun = "Fountain Pen", ProductType = "Pen",
            Styles = ["Brass Pocket", "Classic Black", "Demonstrator", "Walnut", "Mini Travel", "Marbled Resin", "Calligraphy"],
            Material = "Stainless steel medium nib; converter and two ink cartridges included",
            Pitch = "A smooth, reliable fountain pen that makes everyday writing a small pleasure.",
            Fit = "13.5 cm capped; 22 g",
            Care = "Flush with lukewarm water between ink colours",
            MinPrice = 28, MaxPrice = 140, Vendors = ["Inkwell & Quire"],
            Tags = ["for-him", "graduation", "retirement", "for-her", "stationery"],
        },
        new ProductFamily
        {
            Key = "cookbook", Noun = "Cookbook", ProductType = "Book",
            Styles = ["Weeknight Vegetables", "Slow Sunday", "Small-Batch Baking", "Coastal Kitchen", "One-Pan Supper", "Spice Route", "Sourdough Year"],
            Material = "Hardcover, 256 pages, full-colour photography",
            Pitch = "Reliable, tested recipes with clear steps and photographs of every dish: a cookbook that gets splattered.",
            Fit = "19 × 25 cm, 256 pages",
            Care = "Wipe the cover with a dry cloth",
            MinPrice = 24, MaxPrice = 40, Vendors = ["Inkwell & Quire"],
            Tags = ["foodie", "housewarming", "for-her", "for-him", "christmas"],
        },
        new ProductFamily
        {
            Key = "planner", Noun = "Planner", ProductType = "Planner",
            Styles = ["Weekly 2027", "Undated Daily", "Academic", "Wellness", "Budget", "Garden", "Fitness"],
            Material = "Soft-touch cover, 120 gsm paper, elastic closure and back pocket",
            Pitch = "A calm, uncluttered planner with room for goals, habits and the week at a glance.",
            Fit = "A5 (14.8 × 21 cm), 208 pages",
            Care = "Keep dry",
            MinPrice = 18, MaxPrice = 36, Vendors = ["Inkwell & Quire"],
            Tags = ["new-year", "stationery", "for-her", "back-to-school"],
            Colors = ["sage", "blush pink", "navy", "black"],
        },
        new ProductFamily
        {
            Key = "picture-book", Noun = "Picture Book", ProductType = "Book",
            Styles = ["Moon Bear's Lantern", "The Tiny Lighthouse", "Otto Builds a Boat", "Where the Foxes Sleep", "Pip and the Rain", "The Snow Garden", "Grandma's Kite"],
            Material = "Hardcover, 32 pages, printed on FSC-certified paper",
            Pitch = "A warm, beautifully illustrated story made for reading aloud at bedtime, again and again.",
            Fit = "25 × 25 cm, 32 pages; ages 3-6",
            Care = "Wipe clean",
            MinPrice = 14, MaxPrice = 22, Vendors = ["Inkwell & Quire", "Little Maple Co."],
            Tags = ["for-kids", "ages-3-5", "birthday", "christmas"],
        },
        new ProductFamily
        {
            Key = "cards", Noun = "Greeting Card Set", ProductType = "Greeting Cards",
            Styles = ["Letterpress Thank You", "Birthday Botanicals", "Holiday Linocut", "Watercolour Blank", "Congratulations", "Thinking of You", "Wedding Wishes"],
            Material = "Letterpress-printed 100% cotton card with kraft envelopes",
            Pitch = "A set of eight cards printed by hand, for the notes worth writing properly.",
            Fit = "Eight A6 cards (10.5 × 14.8 cm) with envelopes",
            Care = "Keep flat and dry",
            MinPrice = 9, MaxPrice = 24, Vendors = ["Inkwell & Quire"],
            Tags = ["stationery", "birthday", "christmas", "wedding", "stocking-stuffer"],
        },
    ]);
}
