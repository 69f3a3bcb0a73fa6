using ConversationalCommerce.Engine.Intents;

namespace ConversationalCommerce.Engine.Tests.Conversation;

/// <summary>
/// Asked for something the shop does not sell, the assistant says so and offers what it does sell, instead of
/// products that only share a few letters ("gear" and "bear") or a filter with the request.
/// </summary>
[Collection(DemoConversationCollection.Name)]
public sealed class NotCarriedTests(DemoConversationApp app)
{
    [Theory]
    [InlineData("fishing rods", "fishing rods")]
    [InlineData("show me red snowboards", "snowboards")]
    [InlineData("fishing gear", "fishing gear")]
    public async Task A_thing_the_shop_lacks_is_named_and_the_shops_own_kinds_are_offered(string text, string missing)
    {
        var reply = (await app.ChatAsync(text))[0].Reply;
        var types = (await app.ProductsAsync()).Values.Select(p => p.ProductType.ToLowerInvariant()).ToHashSet();

        Assert.Empty(reply.Products);
        Assert.Contains($"\u201c{missing}\u201d", reply.Text);
        var kinds = reply.QuickReplies.Where(q => q != "Gift ideas").ToList();
        Assert.NotEmpty(kinds);
        // Each offered kind is one the shop sells, and clicking it finds such products.
        var chip = kinds[0];
        Assert.Contains(types, t => chip.StartsWith(t, StringComparison.OrdinalIgnoreCase));
        var found = (await app.ChatAsync(chip))[0].Reply;
        Assert.NotEmpty(found.Products);
    }

    [Fact]
    public async Task A_known_thing_with_an_unknown_word_shows_the_thing_and_names_the_word_left_out()
    {
        var reply = (await app.ChatAsync("snowboard socks"))[0].Reply;

        Assert.NotEmpty(reply.Products);
        Assert.All(reply.Products, c => Assert.Equal("Socks", c.ProductType));
        Assert.Contains("\u201csnowboard\u201d", reply.Text);
    }

    [Fact]
    public async Task A_gift_with_a_thing_the_shop_lacks_offers_other_gifts_for_the_person_and_says_so()
    {
        var reply = (await app.ChatAsync("a birthday gift for my dad, maybe a snowboard"))[0].Reply;

        Assert.Equal(CommerceIntents.GiftFinder, reply.Intent);
        Assert.NotEmpty(reply.Products);
        Assert.Contains("\u201csnowboard\u201d", reply.Text);
    }

    [Theory]
    [InlineData("I'm looking for a really good quality wool scarf")]
    [InlineData("something cosy in blue, size M")]
    [InlineData("actually show me scarves")]
    public async Task Describing_words_and_chatter_the_shop_never_uses_are_not_reported_as_missing(string text)
    {
        var reply = (await app.ChatAsync(text))[0].Reply;

        Assert.NotEmpty(reply.Products);
        Assert.DoesNotContain("couldn't find anything for", reply.Text);
        Assert.DoesNotContain("don't seem to carry", reply.Text);
    }

    [Theory]
    [InlineData("sacrf", "scarf", "scarves")]
    [InlineData("candels", "candle", "candles")]
    public async Task A_misspelt_product_is_found_and_named_as_the_shop_writes_it(string text, string keywords, string said)
    {
        var reply = (await app.ChatAsync(text))[0].Reply;

        Assert.NotEmpty(reply.Products);
        Assert.Equal(keywords, reply.Entities["keywords"]);
        Assert.Contains(said, reply.Text);
        Assert.DoesNotContain(text, reply.Text);
    }
}
