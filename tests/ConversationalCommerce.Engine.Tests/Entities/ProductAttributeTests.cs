using ConversationalCommerce.Engine.Entities;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Tests.Entities;

public class ProductAttributeTests
{
    private static readonly CatalogVocabulary Shop = new(
        ProductTypes: new HashSet<string> { "Mugs", "Earrings", "T-Shirts", "Scented Candles" },
        Vendors: new HashSet<string> { "Acme Pottery", "Nordlys" },
        Colors: new HashSet<string> { "Sage", "Oatmeal", "Black" },
        Sizes: new HashSet<string> { "S", "M", "L" },
        Tags: new HashSet<string>());

    private static ShopperEntities Extract(string text, CatalogVocabulary? vocabulary = null) =>
        ShopperEntityExtractor.Extract(text, vocabulary ?? CatalogVocabulary.Empty);

    [Theory]
    [InlineData("do you have a cup for coffee", "Mugs")]
    [InlineData("show me mugs", "Mugs")]
    [InlineData("silver earrings", "Earrings")]
    [InlineData("a plain tee", "T-Shirts")]
    [InlineData("looking for t-shirts", "T-Shirts")]
    [InlineData("scented candles please", "Scented Candles")]
    public void Categories_map_onto_the_shops_product_types(string text, string category) =>
        Assert.Contains(category, Extract(text, Shop).Categories);

    private static readonly CatalogVocabulary Boutique = new(
        ProductTypes: new HashSet<string> { "Ring", "Necklace", "Earrings", "Puzzle", "Plush", "Board Game", "Mug" },
        Vendors: new HashSet<string>(), Colors: new HashSet<string>(), Sizes: new HashSet<string>(), Tags: new HashSet<string>());

    [Theory]
    [InlineData("show me jewellery", new[] { "jewelry", "Ring", "Necklace", "Earrings" })]
    [InlineData("toys for a 5 year old", new[] { "toy", "Plush", "Puzzle", "Board Game" })]
    public void A_department_word_names_itself_then_every_kind_of_the_shop_within_it(string text, string[] categories)
    {
        var e = Extract(text, Boutique);
        Assert.Equal(categories, e.Categories);
        // The filter holds the department; as text it would find only products with the word in their title.
        Assert.Equal("", e.Keywords);
        Assert.True(CategoryExtractor.IsDepartment(e.Categories));
    }

    [Theory]
    [InlineData("puzzles", "Puzzle")]
    [InlineData("a pair of earrings", "Earrings")]
    public void A_kind_the_shop_sells_stays_that_kind_alone(string text, string category)
    {
        var e = Extract(text, Boutique);
        Assert.Equal([category], e.Categories);
        Assert.False(CategoryExtractor.IsDepartment(e.Categories));
    }

    [Fact]
    public void A_department_the_shop_has_no_kinds_of_stays_a_word_to_search()
    {
        var e = Extract("jewelry", Shop with { ProductTypes = new HashSet<string> { "Mugs" } });
        Assert.Equal(["jewelry"], e.Categories);
        Assert.Equal("jewelry", e.Keywords);
    }

    [Theory]
    [InlineData("a cup for my dad", "mug")]
    [InlineData("tees for the team", "t-shirt")]
    [InlineData("hoodies", "hoodie")]
    [InlineData("a nice jumper", "sweater")]
    public void Without_a_shop_vocabulary_the_builtin_synonyms_apply(string text, string category) =>
        Assert.Contains(category, Extract(text).Categories);

    [Theory]
    [InlineData("something in green", "green")]
    [InlineData("a navy blue scarf", "navy")]
    [InlineData("grey hoodie", "grey")]
    [InlineData("gray hoodie", "grey")]
    [InlineData("light blue dress", "light blue")]
    public void Reads_colours_from_the_lexicon(string text, string color) => Assert.Contains(color, Extract(text).Colors);

    [Fact]
    public void Reads_colours_the_shop_uses_in_its_spelling()
    {
        var e = Extract("the throw in sage or black", Shop);
        Assert.Contains("Sage", e.Colors);
        Assert.Contains("Black", e.Colors);
    }

    [Theory]
    [InlineData("in size M", "M")]
    [InlineData("do you have it in medium", "M")]
    [InlineData("XL please", "XL")]
    [InlineData("xs", "XS")]
    [InlineData("size 8", "8")]
    [InlineData("size 10.5 sneakers", "10.5")]
    [InlineData("in large", "L")]
    [InlineData("an extra large hoodie", "XL")]
    [InlineData("eu 42 boots", "EU 42")]
    public void Reads_sizes(string text, string size) => Assert.Contains(size, Extract(text).Sizes);

    [Theory]
    [InlineData("a small gift for my mom")]
    [InlineData("a small thank you gift for my teacher")]
    [InlineData("a little something for the neighbours")]
    [InlineData("i'm looking for a mug")]
    [InlineData("large selection?")]
    public void Small_words_are_not_sizes_out_of_context(string text) => Assert.Empty(Extract(text).Sizes);

    [Theory]
    [InlineData("cotton tees", "cotton")]
    [InlineData("a wool beanie", "wool")]
    [InlineData("leather wallet", "leather")]
    [InlineData("sterling silver ring", "sterling silver")]
    [InlineData("gold necklace", "gold")]
    [InlineData("rose gold earrings", "rose gold")]
    [InlineData("ceramic bowl", "ceramic")]
    [InlineData("wooden toys", "wood")]
    [InlineData("bamboo toothbrush", "bamboo")]
    public void Reads_materials(string text, string material) => Assert.Contains(material, Extract(text).Materials);

    [Fact]
    public void Rose_gold_is_one_material_not_a_colour_and_gold()
    {
        var e = Extract("rose gold earrings");
        Assert.Equal(["rose gold"], e.Materials);
    }

    [Fact]
    public void Reads_vendors_from_the_shop_vocabulary()
    {
        var e = Extract("anything by acme pottery?", Shop);
        Assert.Equal(["Acme Pottery"], e.Vendors);
        Assert.Empty(Extract("anything by acme pottery?").Vendors);
    }

    [Theory]
    [InlineData("i'll take two of them", 2)]
    [InlineData("3 mugs please", 3)]
    [InlineData("add 4 to my cart", 4)]
    [InlineData("a pair of socks", 2)]
    [InlineData("x2", 2)]
    [InlineData("i need a dozen candles", 12)]
    [InlineData("make it 2", 2)]
    [InlineData("actually make that three", 3)]
    public void Reads_quantities(string text, int quantity) => Assert.Equal(quantity, Extract(text).Quantity);

    [Theory]
    [InlineData("under $30")]
    [InlineData("size 8")]
    [InlineData("for a 5 year old")]
    [InlineData("the second one")]
    public void Prices_sizes_ages_and_ordinals_are_not_quantities(string text) => Assert.Null(Extract(text).Quantity);

    [Theory]
    [InlineData("do you have linen shirts", "shirts")]
    [InlineData("show me black hoodies under $40", "hoodies")]
    [InlineData("gift for my mom who loves gardening, maybe gloves", "gloves")]
    [InlineData("i'm looking for a waterproof watch", "waterproof watch")]
    public void Keywords_are_what_is_left_to_search_for(string text, string keywords) => Assert.Equal(keywords, Extract(text).Keywords);
}
