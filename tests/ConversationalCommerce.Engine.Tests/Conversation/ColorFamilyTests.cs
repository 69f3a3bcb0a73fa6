using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Search.Analysis;

namespace ConversationalCommerce.Engine.Tests.Conversation;

/// <summary>A shopper's everyday colour finds the shop's named shades: "red" is Burgundy, "blue" is Navy.</summary>
[Collection(DemoConversationCollection.Name)]
public sealed class ColorFamilyTests(DemoConversationApp app)
{
    [Theory]
    [InlineData("Burgundy", "red", true)]
    [InlineData("Navy", "blue", true)]
    [InlineData("Forest Green", "green", true)]
    [InlineData("Charcoal", "grey", true)]
    [InlineData("Navy", "red", false)]
    [InlineData("Blue", "navy", false)] // from shade to family only
    public void A_shade_belongs_to_its_family_only(string value, string word, bool expected) =>
        Assert.Equal(expected, ColorFamilies.IsA(value, word));

    [Fact]
    public async Task Red_finds_burgundy_variants_and_the_card_shows_the_shade()
    {
        var reply = (await app.ChatAsync("red scarves"))[0].Reply;
        var products = await app.ProductsAsync();

        Assert.NotEmpty(reply.Products);
        foreach (var card in reply.Products)
        {
            var variant = products[card.ProductId].Variants.Single(v => v.ShopifyId == card.SelectedVariantId);
            Assert.True(ColorFamilies.IsA(variant.Title, "red"), $"{card.Title}: {variant.Title}");
            Assert.Contains(card.Reasons, r => r == $"available in {variant.Title}");
        }
    }

    [Fact]
    public async Task A_describing_word_gives_way_before_the_colour_and_size_asked_for()
    {
        var reply = (await app.ChatAsync("Something cosy in blue, size M"))[0].Reply;
        var products = await app.ProductsAsync();

        Assert.Contains("left out \u201ccosy\u201d", reply.Text);
        Assert.NotEmpty(reply.Products);
        foreach (var card in reply.Products)
        {
            var variant = products[card.ProductId].Variants.Single(v => v.ShopifyId == card.SelectedVariantId);
            Assert.True(variant.IsAvailable, card.Title);
            Assert.Contains("M", variant.Title.Split([' ', '/'], StringSplitOptions.RemoveEmptyEntries));
            Assert.True(variant.Title.Split(" / ").Any(part => ColorFamilies.IsA(part, "blue")), variant.Title);
        }
    }

    [Fact]
    public async Task The_red_one_points_at_the_shown_product_in_a_red_shade()
    {
        var turns = await app.ChatAsync("any scarves on sale?", "is the red one in stock?");
        var products = await app.ProductsAsync();
        var shown = turns[0].Reply.Products.Select(c => products[c.ProductId]).ToList();
        var red = shown.Where(p => p.Variants.Any(v => v.IsAvailable && ColorFamilies.IsA(v.Title, "red"))).ToList();

        Assert.NotEmpty(red); // the premise: a sale scarf comes in a red shade
        Assert.Equal(CommerceIntents.Availability, turns[1].Reply.Intent);
        Assert.Equal(red[0].Id, Assert.Single(turns[1].Reply.Products).ProductId);
        // The answer is about the red shade, by the shop's name for it.
        var shade = red[0].Variants.First(v => v.IsAvailable && ColorFamilies.IsA(v.Title, "red")).Title;
        Assert.Contains($"in stock in {shade}", turns[1].Reply.Text);
    }

    [Fact]
    public async Task Adding_it_in_blue_puts_the_blue_shade_in_the_cart()
    {
        var turns = await app.ChatAsync("show me scarves", "add the second one in blue to my cart");
        var products = await app.ProductsAsync();

        var action = Assert.Single(turns[1].Reply.Actions, a => a.Kind == ConversationalCommerce.Engine.Replies.ReplyActions.AddToCart);
        var variant = products[turns[0].Reply.Products[1].ProductId].Variants.Single(v => v.ShopifyId.ToString(System.Globalization.CultureInfo.InvariantCulture) == action.Data["variantId"]);
        Assert.True(ColorFamilies.IsA(variant.Title, "blue"), variant.Title);
        Assert.True(variant.IsAvailable);
    }

    [Fact]
    public async Task Do_you_have_it_in_blue_answers_for_the_navy_variant()
    {
        var turns = await app.ChatAsync("show me scarves", "tell me about the second one", "do you have it in blue?");
        var products = await app.ProductsAsync();
        var scarf = products[turns[0].Reply.Products[1].ProductId];
        var blue = scarf.Variants.Where(v => ColorFamilies.IsA(v.Title, "blue")).ToList();

        Assert.Contains(blue, v => v.IsAvailable); // the premise: the second scarf shown comes in a blue shade
        Assert.DoesNotContain(blue, v => v.Title.Contains("blue", StringComparison.OrdinalIgnoreCase)); // by another name
        Assert.Equal(scarf.Id, Assert.Single(turns[2].Reply.Products).ProductId);
        Assert.Contains($"in stock in {blue.First(v => v.IsAvailable).Title}", turns[2].Reply.Text);
    }

    [Fact]
    public async Task In_grey_after_a_list_answers_with_the_shown_products_that_come_in_grey_and_the_next_turn_points_at_them()
    {
        var turns = await app.ChatAsync("looking for a warm hat for winter", "do you have it in grey?", "add the second one to my cart");
        var products = await app.ProductsAsync();
        var shown = turns[0].Reply.Products.Select(c => c.ProductId).ToList();
        var grey = turns[1].Reply.Products;

        Assert.Equal(CommerceIntents.Availability, turns[1].Reply.Intent);
        Assert.True(grey.Count >= 2, turns[1].Reply.Text);
        Assert.All(grey, c => Assert.Contains(c.ProductId, shown));
        Assert.All(grey, c => Assert.True(ColorFamilies.IsA(products[c.ProductId].Variants.Single(v => v.ShopifyId == c.SelectedVariantId).Title, "grey")));
        // "the second one" is now the second of the grey ones, in its grey variant.
        var added = Assert.Single(turns[2].Reply.Actions);
        Assert.Equal(grey[1].SelectedVariantId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), added.Data["variantId"]);
    }

    [Fact]
    public async Task In_a_colour_none_of_them_comes_in_says_so_for_the_whole_list()
    {
        var reply = (await app.ChatAsync("show me scarves", "do you have them in purple?"))[1].Reply;

        Assert.Empty(reply.Products);
        Assert.Contains("None of these comes in purple", reply.Text);
    }
}
