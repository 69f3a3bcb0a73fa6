using System.Globalization;
using ConversationalCommerce.Engine.Entities;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Tests.Entities;

public class BudgetExtractorTests
{
    private static PriceRange? Budget(string text) => ShopperEntityExtractor.Extract(text, CatalogVocabulary.Empty).Budget;

    [Theory]
    [InlineData("gift for my mom under $50", null, 50, "USD")]
    [InlineData("less than 50 bucks", null, 50, "USD")]
    [InlineData("something below 30", null, 30, null)]
    [InlineData("max 40 dollars", null, 40, "USD")]
    [InlineData("no more than £25 please", null, 25, "GBP")]
    [InlineData("up to 60 euros", null, 60, "EUR")]
    [InlineData("between 20 and 40", 20, 40, null)]
    [InlineData("mugs 20-40", 20, 40, null)]
    [InlineData("$20 to $40", 20, 40, "USD")]
    [InlineData("from 15 to 30 quid", 15, 30, "GBP")]
    [InlineData("over 100", 100, null, null)]
    [InlineData("at least 60", 60, null, null)]
    [InlineData("more than $75", 75, null, "USD")]
    [InlineData("a necklace for 50 euros", null, 50, "EUR")]
    [InlineData("a watch for $1,200", null, 1200, "USD")]
    [InlineData("budget is 1.5k", null, 1500, null)]
    [InlineData("my budget is $80", null, 80, "USD")]
    [InlineData("under 19.99", null, 19.99, null)]
    [InlineData("under fifty pounds", null, 50, "GBP")]
    [InlineData("nothing over 40", null, 40, null)]
    [InlineData("nothing more than $60", null, 60, "USD")]
    [InlineData("between twenty and forty dollars", 20, 40, "USD")]
    [InlineData("no more than twenty-five bucks", null, 25, "USD")]
    [InlineData("up to two hundred and fifty dollars", null, 250, "USD")]
    public void Reads_price_bounds_in_every_common_form(string text, object? min, object? max, string? currency)
    {
        var budget = Budget(text);
        Assert.NotNull(budget);
        Assert.Equal(min is null ? null : Convert.ToDecimal(min, CultureInfo.InvariantCulture), budget.Min);
        Assert.Equal(max is null ? null : Convert.ToDecimal(max, CultureInfo.InvariantCulture), budget.Max);
        Assert.Equal(currency, budget.Currency);
        Assert.False(budget.Approximate);
    }

    [Theory]
    [InlineData("around €100", 100, "EUR")]
    [InlineData("about 50 dollars", 50, "USD")]
    [InlineData("roughly 30", 30, null)]
    [InlineData("40ish", 40, null)]
    [InlineData("~$60", 60, "USD")]
    [InlineData("around a hundred bucks", 100, "USD")]
    public void Approximate_amounts_become_a_range_around_the_amount(string text, int amount, string? currency)
    {
        var budget = Budget(text);
        Assert.NotNull(budget);
        Assert.True(budget.Approximate);
        Assert.Equal(currency, budget.Currency);
        Assert.True(budget.Min < (decimal)amount && budget.Max > (decimal)amount);
        Assert.Equal((decimal)amount, (budget.Min!.Value + budget.Max!.Value) / 2);
    }

    [Theory]
    [InlineData("something cheap", PriceTier.Budget)]
    [InlineData("an inexpensive gift", PriceTier.Budget)]
    [InlineData("affordable earrings", PriceTier.Budget)]
    [InlineData("not too expensive", PriceTier.Budget)]
    [InlineData("premium headphones", PriceTier.Premium)]
    [InlineData("a luxury candle", PriceTier.Premium)]
    [InlineData("high-end watches", PriceTier.Premium)]
    [InlineData("cheaper?", PriceTier.Lower)]
    [InlineData("anything less expensive", PriceTier.Lower)]
    [InlineData("something more expensive", PriceTier.Higher)]
    [InlineData("stocking stuffers for the kids", PriceTier.Budget)]
    [InlineData("a small thank you gift for my teacher", PriceTier.Budget)]
    [InlineData("a little something for my neighbour", PriceTier.Budget)]
    public void Price_words_set_a_tier(string text, PriceTier tier)
    {
        var budget = Budget(text);
        Assert.NotNull(budget);
        Assert.Equal(tier, budget.Tier);
    }

    [Theory]
    [InlineData("two mugs please")]
    [InlineData("one of those")]
    [InlineData("a gift for my mum's sixtieth")]
    public void Small_number_words_are_quantities_not_prices(string text) => Assert.Null(Budget(text));

    [Theory]
    [InlineData("a small sweater")]
    [InlineData("little black dress")]
    public void Small_things_are_not_a_price_level(string text) => Assert.Null(Budget(text)?.Tier);

    [Theory]
    [InlineData("need a last minute present", "")]
    [InlineData("a small thank you gift", "")]
    [InlineData("something for someone who has everything", "")]
    [InlineData("gift for my mum's birthday", "")]
    [InlineData("add the red one to my cart", "")]
    public void Chatter_about_timing_and_size_of_a_gift_is_no_search_word(string text, string keywords) =>
        Assert.Equal(keywords, ShopperEntityExtractor.Extract(text, CatalogVocabulary.Empty).Keywords);

    [Fact]
    public void A_tier_and_an_amount_combine()
    {
        var budget = Budget("cheap mugs under $15");
        Assert.NotNull(budget);
        Assert.Equal(15m, budget.Max);
        Assert.Equal(PriceTier.Budget, budget.Tier);
    }

    [Theory]
    [InlineData("3 mugs")]
    [InlineData("in size 8")]
    [InlineData("a gift for a 5 year old")]
    [InlineData("shipping takes 2-3 days")]
    [InlineData("where is order 1234")]
    [InlineData("the second one")]
    public void Numbers_that_are_not_prices_give_no_budget(string text) => Assert.Null(Budget(text));
}
