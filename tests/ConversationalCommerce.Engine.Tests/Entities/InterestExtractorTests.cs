using ConversationalCommerce.Engine.Entities;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Tests.Entities;

public class InterestExtractorTests
{
    private static readonly CatalogVocabulary Catalog = new(
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Puzzle", "Tea", "Watch" },
        new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Blue" },
        new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        new HashSet<string>(StringComparer.OrdinalIgnoreCase));

    private static ShopperEntities Extract(string text) => ShopperEntityExtractor.Extract(text, Catalog);

    [Theory]
    [InlineData("she likes cooking, under $40", "cooking")]
    [InlineData("my sister loves to cook", "cooking")]
    [InlineData("my boyfriend is into hiking, any ideas under 60?", "hiking")]
    [InlineData("he's really into camping", "camping")]
    [InlineData("my sister's into yoga", "yoga")]
    [InlineData("a present for a 7 year old who likes dinosaurs", "dinosaurs")]
    [InlineData("kids who love the outdoors", "the outdoors")]
    [InlineData("for a keen gardener", "gardening")]
    [InlineData("gift for a bookworm", "reading")]
    [InlineData("my dad is a golf addict", "golf")]
    [InlineData("she likes tea and reading", "reading")]
    [InlineData("something for a fitness enthusiast", "fitness")]
    [InlineData("my husband loves gardening and the outdoors", "gardening and the outdoors")]
    [InlineData("she enjoys baking and reading", "baking and reading")]
    [InlineData("my mom is obsessed with birds", "birds")]
    public void Reads_what_the_recipient_is_into(string text, string interest) => Assert.Equal(interest, Extract(text).Interest);

    [Theory]
    [InlineData("i love this one")]                 // the shopper's opinion of a product
    [InlineData("she'd love something cosy")]       // a wish, not a hobby
    [InlineData("she loves it")]
    [InlineData("show me wool scarves")]
    [InlineData("she likes blue")]                  // a colour the catalog knows
    [InlineData("he loves watches")]                // a product type: searched as one
    [InlineData("she loves jewelry, max 80")]       // a built-in product word, even when the shop has no such type
    [InlineData("my niece is a big fan of puzzles")]
    [InlineData("a table runner")]                  // "runner" is a hobby only as "for a runner"
    public void Reads_no_interest_where_there_is_none(string text) => Assert.Null(Extract(text).Interest);

    [Fact]
    public void The_interest_phrase_leaves_neither_its_cue_nor_its_words_as_keywords()
    {
        var e = Extract("my boyfriend is a big fan of hiking, something under $60");

        Assert.Equal("hiking", e.Interest);
        Assert.Equal("boyfriend", e.Recipient);
        Assert.Equal(60m, e.Budget?.Max);
        Assert.DoesNotContain("hiking", e.Keywords);
        Assert.DoesNotContain("fan", e.Keywords);
    }

    [Fact]
    public void What_the_catalog_sells_stays_a_category_and_the_blue_stays_a_colour()
    {
        var puzzles = Extract("my niece is a big fan of puzzles");
        var blue = Extract("she likes blue");

        Assert.Equal(["Puzzle"], puzzles.Categories);
        Assert.Equal("", puzzles.Keywords);
        Assert.Equal(["Blue"], blue.Colors);
    }
}
