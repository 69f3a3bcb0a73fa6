using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Engine.Intents;

namespace ConversationalCommerce.Engine.Tests.Conversation;

/// <summary>What the recipient is into steers the gift finder, and the reply only claims it where the product says so.</summary>
[Collection(DemoConversationCollection.Name)]
public sealed class GiftInterestTests(DemoConversationApp app)
{
    private static readonly string[] CookingWords = ["cook", "recipe", "kitchen", "chef", "foodie", "baking", "spice", "knife", "apron"];

    [Fact]
    public async Task A_hobby_picks_gifts_that_name_it_within_the_budget_and_says_so()
    {
        var turns = await app.ChatAsync("I need a gift for my sister", "she likes cooking, under $40");
        var products = await app.ProductsAsync();
        var reply = turns[1].Reply;

        Assert.Equal(CommerceIntents.GiftFinder, reply.Intent);
        Assert.Contains("who likes cooking", reply.Text);
        Assert.True(reply.Products.Count >= 2);
        Assert.All(reply.Products, c => Assert.True(c.Price <= 40m, $"{c.Title} {c.Price}"));
        // The first ideas are about cooking, by the product's own words, and every claim of the hobby is backed by them.
        Assert.Contains("suits their love of cooking", reply.Products[0].Reasons);
        foreach (var card in reply.Products.Where(c => c.Reasons.Contains("suits their love of cooking")))
            Assert.True(NamesAny(products[card.ProductId], CookingWords), card.Title);
        Assert.DoesNotContain("likes", reply.Text.Split('\n')[0].Replace("who likes cooking", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rare_hobby_comes_first_and_other_good_gifts_for_the_child_fill_the_page()
    {
        var reply = (await app.ChatAsync("a present for a 7 year old who likes dinosaurs"))[0].Reply;

        Assert.Contains("dinosaur", reply.Products[0].Title, StringComparison.OrdinalIgnoreCase);
        Assert.True(reply.Products.Count >= 3, string.Join(", ", reply.Products.Select(p => p.Title)));
        var claimed = reply.Products.Where(c => c.Reasons.Any(r => r.Contains("dinosaurs"))).ToList();
        Assert.All(claimed, c => Assert.Contains("dinosaur", c.Title, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(reply.Products, c => !c.Reasons.Any(r => r.Contains("dinosaurs")));
        // Matches first, then the fill: no match after the first non-match.
        var firstFill = reply.Products.ToList().FindIndex(c => !claimed.Contains(c));
        Assert.All(reply.Products.Skip(firstFill), c => Assert.DoesNotContain(c, claimed));
    }

    [Fact]
    public async Task An_age_and_a_hobby_said_later_belong_to_the_same_person_and_the_hobby_beats_the_shops_for_him_list()
    {
        var turns = await app.ChatAsync("a gift for my brother", "he's 16 and into gaming");
        var reply = turns[1].Reply;

        Assert.Equal(CommerceIntents.GiftFinder, reply.Intent);
        Assert.Contains("your brother who likes gaming", reply.Text);
        Assert.NotEmpty(reply.Products);
        // Games, though the demo shop lists none of them under "gifts for him".
        Assert.Contains(reply.Products, c => c.Reasons.Contains("suits their love of gaming"));
        Assert.All(reply.Products.Where(c => c.Reasons.Contains("suits their love of gaming")), c => Assert.Contains("Game", c.ProductType));
    }

    [Fact]
    public async Task A_hobby_the_shop_has_nothing_for_is_dropped_and_said_so_but_the_budget_is_kept()
    {
        var reply = (await app.ChatAsync("my boyfriend loves sailing, under $50"))[0].Reply;

        Assert.NotEmpty(reply.Products);
        Assert.Contains("left out the sailing part", reply.Text);
        Assert.All(reply.Products, c => Assert.True(c.Price <= 50m, $"{c.Title} {c.Price}"));
        Assert.All(reply.Products, c => Assert.DoesNotContain(c.Reasons, r => r.Contains("sailing")));
    }

    [Fact]
    public async Task A_hobby_whose_words_find_products_that_do_not_name_it_is_said_to_be_left_out_on_every_turn()
    {
        // "fishing" search words reach some demo products (outdoor, lake...), but none of them names fishing.
        var turns = await app.ChatAsync("I need a present for my dad who loves fishing, around 60 dollars", "something cheaper");

        Assert.All(turns, t => Assert.NotEmpty(t.Reply.Products));
        Assert.All(turns, t => Assert.Contains("left out the fishing part", t.Reply.Text));
        Assert.All(turns, t => Assert.All(t.Reply.Products, c => Assert.DoesNotContain(c.Reasons, r => r.Contains("fishing"))));
    }

    [Fact]
    public async Task A_new_hobby_for_the_same_person_replaces_the_old_one_and_keeps_the_budget()
    {
        var turns = await app.ChatAsync("gift for my husband who likes cooking, under $60", "actually he's more into hiking");
        var reply = turns[1].Reply;

        Assert.Equal(CommerceIntents.GiftFinder, reply.Intent);
        Assert.Contains("who likes hiking", reply.Text);
        Assert.DoesNotContain("cooking", reply.Text);
        Assert.All(reply.Products, c => Assert.True(c.Price <= 60m, $"{c.Title} {c.Price}"));
        Assert.Contains(reply.Products, c => c.Reasons.Contains("suits their love of hiking"));
    }

    [Fact]
    public async Task A_product_word_after_loves_is_searched_as_that_product_and_read_naturally()
    {
        var reply = (await app.ChatAsync("I want something for my wife's birthday, she loves jewelry, max 80"))[0].Reply;

        Assert.Contains("jewelry picks for your wife", reply.Text);
        Assert.DoesNotContain("who likes", reply.Text);
        Assert.NotEmpty(reply.Products);
        Assert.All(reply.Products, c => Assert.True(c.Price <= 80m, $"{c.Title} {c.Price}"));
    }

    [Fact]
    public async Task Something_more_personal_finds_engraved_and_monogrammed_gifts_within_the_budget()
    {
        var turns = await app.ChatAsync("gift for a coworker under 30", "something more personal");
        var products = await app.ProductsAsync();
        var reply = turns[1].Reply;

        Assert.Contains("personal gift ideas for your coworker", reply.Text);
        Assert.NotEmpty(reply.Products);
        Assert.All(reply.Products, c => Assert.True(c.Price <= 30m, $"{c.Title} {c.Price}"));
        Assert.All(reply.Products, c => Assert.True(NamesAny(products[c.ProductId], ["monogram", "engrav", "personal", "custom", "initial"]), c.Title));
    }

    [Fact]
    public async Task Nothing_too_expensive_keeps_to_the_cheaper_half_and_chatter_never_becomes_the_product()
    {
        var turns = await app.ChatAsync("I'm looking for a present for my grandma, she's 85 and loves gardening", "nothing too expensive");
        var before = turns[0].Reply.Products;
        var after = turns[1].Reply.Products;

        Assert.DoesNotContain("she's", turns[0].Reply.Text);
        Assert.Contains("friendly price", turns[1].Reply.Text);
        Assert.NotEmpty(after);
        Assert.True(after.Average(c => c.Price) < before.Average(c => c.Price), $"{after.Average(c => c.Price)} vs {before.Average(c => c.Price)}");
        Assert.True(after.Max(c => c.Price) < before.Max(c => c.Price));
    }

    [Fact]
    public async Task A_new_baby_is_who_the_gift_is_for()
    {
        var reply = (await app.ChatAsync("do you have anything for a new baby?"))[0].Reply;
        var products = await app.ProductsAsync();

        Assert.NotEmpty(reply.Products);
        Assert.All(reply.Products, c => Assert.Contains("for-kids", products[c.ProductId].TagList));
    }

    private static bool NamesAny(Product product, string[] words) =>
        words.Any(w => $"{product.Title} {product.ProductType} {product.Tags} {product.BodyHtml}".Contains(w, StringComparison.OrdinalIgnoreCase));
}
