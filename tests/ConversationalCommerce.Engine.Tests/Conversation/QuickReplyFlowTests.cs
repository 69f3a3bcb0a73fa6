using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Engine.Tests.Conversation;

/// <summary>The engine's own quick replies, clicked in order, do what they say.</summary>
[Collection(DemoConversationCollection.Name)]
public sealed class QuickReplyFlowTests(DemoConversationApp app)
{
    [Fact]
    public async Task Show_me_similar_after_a_product_lists_others_of_its_kind_not_the_previous_list()
    {
        var turns = await app.ChatAsync("Show me bestsellers", "Tell me more about the first one", "Show me similar");
        var first = turns[0].Reply.Products[0];
        var similar = turns[2].Reply.Products;

        Assert.Contains("Show me similar", turns[1].Reply.QuickReplies);
        Assert.NotEmpty(similar);
        Assert.All(similar, c => Assert.Equal(first.ProductType, c.ProductType));
        Assert.DoesNotContain(similar, c => c.ProductId == first.ProductId);
        Assert.NotEqual(turns[0].Reply.Products.Skip(1).Select(c => c.ProductId), similar.Select(c => c.ProductId));
    }

    [Fact]
    public async Task What_is_already_in_the_cart_is_not_suggested_again_and_checkout_adds_nothing()
    {
        var turns = await app.ChatAsync("show me scarves", "what goes well with the first one?", "add the first one to my cart",
            "add the second one too", "checkout");
        var added = turns.Select(t => t.Reply.Actions.SingleOrDefault(a => a.Kind == ReplyActions.AddToCart)?.Data["productId"]).ToList();
        var scarf = turns[0].Reply.Products[0];
        var partner = turns[1].Reply.Products[0];

        Assert.Equal(partner.ShopifyId.ToString(System.Globalization.CultureInfo.InvariantCulture), added[2]);
        // The scarf the shopper looked at is the partner's partner: offered after the first add, then added.
        Assert.Contains(turns[2].Reply.Products.Skip(1), c => c.ProductId == scarf.ProductId);
        Assert.Equal(scarf.ShopifyId.ToString(System.Globalization.CultureInfo.InvariantCulture), added[3]);
        Assert.DoesNotContain(turns[3].Reply.Products.Skip(1), c => c.ProductId == partner.ProductId);
        Assert.Null(added[4]);
        Assert.Contains("cart", turns[4].Reply.Text);
        Assert.All(turns, t => Assert.DoesNotContain("Checkout", t.Reply.QuickReplies));
    }

    [Fact]
    public async Task Which_one_would_you_pick_chooses_among_the_products_shown()
    {
        var turns = await app.ChatAsync("birthday gift for my wife under $80", "which one would you pick?");

        var pick = Assert.Single(turns[1].Reply.Products);
        Assert.Contains(pick.ProductId, turns[0].Reply.Products.Select(c => c.ProductId));
    }

    [Fact]
    public async Task What_do_you_sell_names_the_shops_popular_kinds_and_each_chip_finds_them()
    {
        var turns = await app.ChatAsync("what do you sell?");
        var overview = turns[0].Reply;
        var types = (await app.ProductsAsync()).Values.Select(p => p.ProductType.ToLowerInvariant()).ToHashSet();

        Assert.Empty(overview.Products);
        Assert.Contains("Gift ideas", overview.QuickReplies);
        var chip = overview.QuickReplies[0];
        Assert.Contains(chip.ToLowerInvariant(), overview.Text);
        var followed = (await app.ChatAsync(chip))[0].Reply;
        Assert.NotEmpty(followed.Products);
        Assert.All(followed.Products, c => Assert.Contains(c.ProductType.ToLowerInvariant(), types));
        Assert.Equal(followed.Products[0].ProductType, followed.Products[^1].ProductType);

        var blue = (await app.ChatAsync("what do you have in blue"))[0].Reply;
        Assert.NotEmpty(blue.Products);
    }

    [Fact]
    public async Task The_second_one_after_a_single_product_asks_which_instead_of_adding_the_first_again()
    {
        var turns = await app.ChatAsync("do you have wireless headphones", "add the second one to my cart");

        Assert.Single(turns[0].Reply.Products);
        Assert.Empty(turns[1].Reply.Actions);
        Assert.Contains("Which product", turns[1].Reply.Text);
    }

    [Fact]
    public async Task Cheaper_options_are_all_below_the_cheapest_shown_and_the_reply_names_a_round_amount()
    {
        var turns = await app.ChatAsync("gift for my dad", "Cheaper options");
        var cheapest = turns[0].Reply.Products.Min(c => c.Price);
        var cheaper = turns[1].Reply;

        Assert.NotEmpty(cheaper.Products);
        Assert.All(cheaper.Products, c => Assert.True(c.Price < cheapest, $"{c.Title} {c.Price} vs {cheapest}"));
        // "under $29", not "under $29.98".
        Assert.Matches($@"under \${Math.Floor(cheapest).ToString(System.Globalization.CultureInfo.InvariantCulture)}(?![.\d])", cheaper.Text);
    }

    [Fact]
    public async Task Pricier_options_are_all_above_the_dearest_shown()
    {
        var turns = await app.ChatAsync("gift for my dad", "something more expensive");
        var dearest = turns[0].Reply.Products.Max(c => c.Price);

        Assert.NotEmpty(turns[1].Reply.Products);
        Assert.All(turns[1].Reply.Products, c => Assert.True(c.Price > dearest, $"{c.Title} {c.Price} vs {dearest}"));
    }

    [Fact]
    public async Task Which_is_better_for_a_use_chooses_among_the_products_shown_and_never_claims_the_use()
    {
        var turns = await app.ChatAsync("looking for a warm hat for winter", "which is better for hiking?");
        var pick = Assert.Single(turns[1].Reply.Products);

        Assert.Equal(CommerceIntents.RecommendOne, turns[1].Reply.Intent);
        Assert.Contains(pick.ProductId, turns[0].Reply.Products.Select(c => c.ProductId));
        Assert.Contains("None of these says it's made for hiking", turns[1].Reply.Text);
        Assert.DoesNotContain(pick.Reasons, r => r.Contains("hiking"));
    }

    [Fact]
    public async Task Which_is_best_for_a_use_none_shown_names_offers_one_of_the_same_kind_that_does()
    {
        var turns = await app.ChatAsync("show me socks", "which one is best for hiking?");
        var pick = Assert.Single(turns[1].Reply.Products);
        var product = (await app.ProductsAsync())[pick.ProductId];

        Assert.DoesNotContain(pick.ProductId, turns[0].Reply.Products.Select(c => c.ProductId));
        Assert.Equal("Socks", pick.ProductType);
        Assert.Contains("made for hiking", pick.Reasons);
        Assert.Contains("hiking", (product.Title + " " + product.Tags + " " + product.BodyHtml).ToLowerInvariant());
        Assert.StartsWith("None of those says it's made for hiking, but this one is", turns[1].Reply.Text);
    }

    [Theory]
    [InlineData("Show me bestsellers")]
    [InlineData("what's popular right now?")]
    [InlineData("most popular products")]
    public async Task Bestsellers_are_what_sells_most_not_products_with_the_word(string text)
    {
        var reply = (await app.ChatAsync(text))[0].Reply;
        var units = await UnitsSoldAsync();
        var top = units.OrderByDescending(u => u.Value).Take(12).Select(u => u.Key).ToHashSet();

        Assert.Equal(CommerceIntents.Search, reply.Intent);
        Assert.False(reply.Entities.ContainsKey("keywords"), string.Join(", ", reply.Entities));
        Assert.Equal(4, reply.Products.Count);
        Assert.All(reply.Products, c => Assert.Contains(c.ShopifyId, top));
        Assert.Matches("popular|sell best", reply.Text);
    }

    private async Task<Dictionary<long, int>> UnitsSoldAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ConversationalCommerce.Data.Scoping.ShopScope>().Set(app.ShopId);
        var db = scope.ServiceProvider.GetRequiredService<ConversationalCommerce.Data.AppDbContext>();
        var lines = await db.Set<ConversationalCommerce.Domain.Orders.OrderLine>().AsNoTracking().Where(l => l.ProductShopifyId != null).ToListAsync();
        return lines.GroupBy(l => l.ProductShopifyId!.Value).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
    }

    [Fact]
    public async Task The_cheaper_one_after_a_comparison_is_the_cheaper_of_the_two_compared()
    {
        var turns = await app.ChatAsync("show me scarves", "compare the first two", "add the cheaper one");
        var compared = turns[0].Reply.Products.Take(2).ToList();
        var cheaper = compared.MinBy(c => c.Price)!;

        var added = Assert.Single(turns[2].Reply.Actions);
        Assert.Equal(cheaper.ShopifyId.ToString(System.Globalization.CultureInfo.InvariantCulture), added.Data["productId"]);
    }

    [Fact]
    public async Task Tell_me_about_the_most_expensive_one_describes_the_dearest_product_shown()
    {
        var turns = await app.ChatAsync("show me mugs", "tell me about the most expensive one");
        var dearest = turns[0].Reply.Products.MaxBy(c => c.Price)!;

        Assert.Equal(CommerceIntents.ProductQuestion, turns[1].Reply.Intent);
        Assert.Equal(dearest.ProductId, Assert.Single(turns[1].Reply.Products).ProductId);
        Assert.DoesNotContain("expensive", turns[1].Reply.Text);
    }

    [Fact]
    public async Task An_unsure_message_with_an_amount_to_spend_is_acted_on()
    {
        var reply = (await app.ChatAsync("a present around a hundred bucks"))[0].Reply;

        Assert.Equal(CommerceIntents.GiftFinder, reply.Intent);
        Assert.NotEmpty(reply.Products);
        Assert.All(reply.Products, c => Assert.True(c.Price <= 100m, $"{c.Title} {c.Price}"));
    }

    [Fact]
    public async Task Make_it_two_after_adding_one_adds_one_more_of_the_same_variant_and_never_lowers_by_adding()
    {
        var turns = await app.ChatAsync("organic cotton t-shirts", "add the first one in M", "make it 2", "make it 1");
        var first = Assert.Single(turns[1].Reply.Actions);
        var topUp = Assert.Single(turns[2].Reply.Actions);

        Assert.Equal(first.Data["variantId"], topUp.Data["variantId"]);
        Assert.Equal("1", topUp.Data["quantity"]);
        Assert.Contains("2 in your cart", turns[2].Reply.Text);
        Assert.Empty(turns[3].Reply.Actions);
        Assert.Contains("lower the quantity in the cart", turns[3].Reply.Text);
    }

    [Fact]
    public async Task A_size_and_colour_the_product_is_not_made_in_is_said_so_not_called_sold_out()
    {
        var turns = await app.ChatAsync("organic cotton t-shirts", "add the first one in a medium in white");
        var products = await app.ProductsAsync();
        var tee = products[turns[0].Reply.Products[0].ProductId];

        Assert.DoesNotContain(tee.Variants, v => v.Title.Contains("White", StringComparison.OrdinalIgnoreCase)); // the premise
        Assert.Empty(turns[1].Reply.Actions);
        Assert.Contains("doesn't come in M / white", turns[1].Reply.Text);
        Assert.DoesNotContain("sold out", turns[1].Reply.Text);
    }

    [Fact]
    public async Task What_sizes_lists_the_sizes_the_product_comes_in()
    {
        var turns = await app.ChatAsync("organic cotton t-shirts", "what sizes does the first one come in?");
        var products = await app.ProductsAsync();
        var tee = products[turns[0].Reply.Products[0].ProductId];
        var sizes = tee.Variants.Select(v => v.Option1 ?? "").Distinct().ToList();

        Assert.Equal(CommerceIntents.ProductQuestion, turns[1].Reply.Intent);
        Assert.Contains("comes in " + string.Join(", ", sizes), turns[1].Reply.Text);
    }

    [Fact]
    public async Task Which_smells_best_is_a_pick_among_those_shown_not_a_use_to_look_for()
    {
        var turns = await app.ChatAsync("candles", "which one smells the best?");
        var pick = Assert.Single(turns[1].Reply.Products);

        Assert.Contains(pick.ProductId, turns[0].Reply.Products.Select(c => c.ProductId));
        Assert.DoesNotContain("made for", turns[1].Reply.Text);
    }

    [Fact]
    public async Task Whats_new_shows_the_newest_purchasable_products_and_more_keeps_that_order()
    {
        var turns = await app.ChatAsync("what's new?", "show me more", "under 30");
        var products = await app.ProductsAsync();
        var newest = products.Values.Where(p => p.IsPurchasable).OrderByDescending(p => p.CreatedAt).Select(p => p.Id).ToList();

        Assert.Equal(CommerceIntents.Search, turns[0].Reply.Intent);
        Assert.Equal(newest.Take(4), turns[0].Reply.Products.Select(c => c.ProductId));
        Assert.Equal(newest.Skip(4).Take(4), turns[1].Reply.Products.Select(c => c.ProductId));
        var dates = turns[2].Reply.Products.Select(c => products[c.ProductId].CreatedAt).ToList();
        Assert.NotEmpty(dates);
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        Assert.All(turns[2].Reply.Products, c => Assert.True(c.Price <= 30m));
    }

    [Fact]
    public async Task Just_browsing_gets_the_shops_popular_products_not_a_question()
    {
        var reply = (await app.ChatAsync("I'm just browsing"))[0].Reply;

        Assert.NotEmpty(reply.Products);
        Assert.False(reply.Entities.ContainsKey("keywords"));
    }
}
