using ConversationalCommerce.Engine.Entities;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Tests.Entities;

public class ReferenceExtractorTests
{
    private static IReadOnlyList<ProductReference> References(string text) =>
        ShopperEntityExtractor.Extract(text, CatalogVocabulary.Empty).References;

    [Theory]
    [InlineData("the second one", 2)]
    [InlineData("i'll take the first", 1)]
    [InlineData("add the 3rd one to cart", 3)]
    [InlineData("the last one", -1)]
    [InlineData("number 2 please", 2)]
    [InlineData("#4", 4)]
    [InlineData("option 3", 3)]
    [InlineData("last one please", -1)]
    public void Ordinals_point_at_a_position(string text, int ordinal)
    {
        var reference = Assert.Single(References(text));
        Assert.Equal(ReferenceKind.Ordinal, reference.Kind);
        Assert.Equal(ordinal, reference.Ordinal);
    }

    [Theory]
    [InlineData("how long does the battery last")]
    [InlineData("will it last through winter")]
    [InlineData("does the charge last long")]
    public void Last_as_a_verb_points_at_nothing(string text) =>
        Assert.DoesNotContain(ShopperEntityExtractor.Extract(text, CatalogVocabulary.Empty).References, r => r.Kind == ReferenceKind.Ordinal);

    [Theory]
    [InlineData("compare these two", 2)]
    [InlineData("compare the first two", 2)]
    [InlineData("i'll take both", 2)]
    [InlineData("what's the difference between the three", 3)]
    [InlineData("add all of them", null)]
    [InlineData("compare them", null)]
    public void Sets_point_at_several(string text, int? count)
    {
        var reference = Assert.Single(References(text));
        Assert.Equal(ReferenceKind.Set, reference.Kind);
        Assert.Equal(count, reference.Count);
    }

    [Theory]
    [InlineData("the blue one", "blue")]
    [InlineData("is the leather one waterproof", "leather")]
    [InlineData("i prefer the cheaper one", "cheaper")]
    public void Attributes_pick_by_a_distinguishing_word(string text, string attribute)
    {
        var reference = Assert.Single(References(text));
        Assert.Equal(ReferenceKind.Attribute, reference.Kind);
        Assert.Equal(attribute, reference.Attribute);
    }

    [Fact]
    public void The_blue_one_is_a_reference_not_a_colour_filter()
    {
        var e = ShopperEntityExtractor.Extract("the blue one", CatalogVocabulary.Empty);
        Assert.Empty(e.Colors);
    }

    [Theory]
    [InlineData("that mug", "mug")]
    [InlineData("is this necklace real silver", "necklace")]
    public void A_demonstrative_and_noun_points_at_that_product(string text, string noun)
    {
        var reference = Assert.Single(References(text));
        Assert.Equal(ReferenceKind.Noun, reference.Kind);
        Assert.Equal(noun, reference.Attribute);
    }

    [Theory]
    [InlineData("is it in stock")]
    [InlineData("i'll take this one")]
    [InlineData("add that one")]
    [InlineData("how much is it")]
    public void Pronouns_point_at_the_product_in_focus(string text)
    {
        var reference = Assert.Single(References(text));
        Assert.Equal(ReferenceKind.Focus, reference.Kind);
    }

    [Theory]
    [InlineData("show me mugs")]
    [InlineData("last minute gift for my dad")]
    [InlineData("is there a first order discount")]
    [InlineData("that's all, thanks")]
    public void No_reference_in_a_fresh_request(string text) => Assert.Empty(References(text));
}
