using ConversationalCommerce.Engine.Entities;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Tests.Entities;

public class RecipientAndOccasionTests
{
    private static ShopperEntities Extract(string text) => ShopperEntityExtractor.Extract(text, CatalogVocabulary.Empty);

    [Theory]
    [InlineData("a gift for my mom", "mom", null)]
    [InlineData("something for my mum", "mom", null)]
    [InlineData("present for my boyfriend", "boyfriend", null)]
    [InlineData("need a bday gift for my bf", "boyfriend", null)]
    [InlineData("what should i get my sister", "sister", null)]
    [InlineData("a gift for a coworker", "coworker", null)]
    [InlineData("gift for a colleague", "coworker", null)]
    [InlineData("something for a 5 year old", "child", 5)]
    [InlineData("my 10-year-old nephew loves dinosaurs", "nephew", 10)]
    [InlineData("a 16 year old girl", "teen", 16)]
    [InlineData("my grandpa is turning 80", "grandpa", 80)]
    [InlineData("a 14yo", "teen", 14)]
    [InlineData("gift for my mother in law", "mom", null)]
    [InlineData("something for him", "man", null)]
    [InlineData("my wife", "wife", null)]
    [InlineData("he's 16 and into gaming", "teen", 16)]
    [InlineData("my son, he is 7", "son", 7)]
    public void Reads_recipient_and_age(string text, string recipient, int? age)
    {
        var e = Extract(text);
        Assert.Equal(recipient, e.Recipient);
        Assert.Equal(age, e.RecipientAge);
    }

    [Theory]
    [InlineData("it's her birthday next week", "birthday")]
    [InlineData("bday present", "birthday")]
    [InlineData("our anniversary", "anniversary")]
    [InlineData("xmas gift for dad", "christmas")]
    [InlineData("secret santa under 20", "christmas")]
    [InlineData("wedding gift for a couple", "wedding")]
    [InlineData("housewarming present", "housewarming")]
    [InlineData("for valentine's", "valentines")]
    [InlineData("valentines day gift", "valentines")]
    [InlineData("mother's day ideas", "mothers_day")]
    [InlineData("fathers day", "fathers_day")]
    [InlineData("graduation gift", "graduation")]
    [InlineData("baby shower", "baby_shower")]
    [InlineData("retirement gift for my boss", "retirement")]
    public void Reads_occasion(string text, string occasion) => Assert.Equal(occasion, Extract(text).Occasion);

    [Fact]
    public void An_ordinal_birthday_gives_age_and_occasion()
    {
        var e = Extract("gift for my grandma's 90th birthday");
        Assert.Equal("grandma", e.Recipient);
        Assert.Equal(90, e.RecipientAge);
        Assert.Equal("birthday", e.Occasion);
    }

    [Theory]
    [InlineData("he's 6 feet tall")]
    [InlineData("she's 30 dollars short")]
    public void A_number_after_he_is_that_is_a_measure_is_no_age(string text) => Assert.Null(Extract(text).RecipientAge);

    [Fact]
    public void No_recipient_when_none_is_named()
    {
        var e = Extract("show me black hoodies");
        Assert.Null(e.Recipient);
        Assert.Null(e.RecipientAge);
        Assert.Null(e.Occasion);
    }
}
