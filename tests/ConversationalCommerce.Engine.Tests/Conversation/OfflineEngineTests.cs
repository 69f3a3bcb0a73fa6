using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Orders;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Engine.Conversation;
using ConversationalCommerce.Engine.Intents;
using Microsoft.Extensions.DependencyInjection;
using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Engine.Tests.Conversation;

[Collection(DemoConversationCollection.Name)]
public sealed class OfflineEngineTests(DemoConversationApp app)
{
    [Fact]
    public async Task Gift_search_is_refined_by_budget_then_colour_over_turns()
    {
        var turns = await app.ChatAsync("a gift for my sister", "under $40", "something in green");
        var products = await app.ProductsAsync();

        Assert.NotEmpty(turns[0].Reply.Products);
        Assert.All(turns[1].Reply.Products, c => Assert.True(c.Price <= 40m, $"{c.Title} {c.Price}"));
        var green = turns[2].Reply.Products;
        Assert.NotEmpty(green);
        foreach (var card in green)
        {
            Assert.True(card.Price <= 40m, $"{card.Title} {card.Price}");
            var variant = products[card.ProductId].Variants.Single(v => v.ShopifyId == card.SelectedVariantId);
            Assert.True(variant.IsAvailable);
            Assert.True(ConversationalCommerce.Engine.Search.Analysis.ColorFamilies.IsA(variant.Title, "green"), variant.Title); // "Forest Green", "Sage"
            Assert.Contains(card.Reasons, r => r.Contains("$40 budget"));
        }
        Assert.Contains("sister", turns[2].Reply.Text);
    }

    [Fact]
    public async Task Letter_sizes_are_written_as_shops_print_them()
    {
        var reply = (await app.ChatAsync("sweaters in size xl"))[0].Reply;

        Assert.Contains("size XL", reply.Text);
        Assert.NotEmpty(reply.Products);
    }

    [Fact]
    public async Task Ordinal_reference_resolves_against_the_last_products_shown()
    {
        var turns = await app.ChatAsync("show me sweaters", "what is the second one made of?");
        var second = turns[0].Reply.Products[1];

        Assert.Equal(CommerceIntents.ProductQuestion, turns[1].Reply.Intent);
        Assert.Equal(second.ProductId, Assert.Single(turns[1].Reply.Products).ProductId);
        Assert.Contains("lambswool", turns[1].Reply.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task These_two_compares_the_first_two_products_shown()
    {
        var turns = await app.ChatAsync("show me scarves", "compare these two");
        var shown = turns[0].Reply.Products.Take(2).Select(p => p.ProductId).ToList();

        Assert.Equal(CommerceIntents.Compare, turns[1].Reply.Intent);
        Assert.Equal(shown, turns[1].Reply.Products.Select(p => p.ProductId));
        foreach (var card in turns[0].Reply.Products.Take(2))
            Assert.Contains(card.Title, turns[1].Reply.Text);
    }

    [Fact]
    public async Task The_last_two_compares_the_last_two_products_shown()
    {
        var turns = await app.ChatAsync("show me candles", "compare the last two");
        var shown = turns[0].Reply.Products.TakeLast(2).Select(p => p.ProductId).ToList();

        Assert.Equal(4, turns[0].Reply.Products.Count);
        Assert.Equal(shown, turns[1].Reply.Products.Select(p => p.ProductId));
    }

    [Fact]
    public async Task It_refers_to_the_product_in_focus()
    {
        var turns = await app.ChatAsync("show me mugs", "tell me about the first one", "how do I wash it");
        var first = turns[0].Reply.Products[0];

        Assert.Equal(first.ProductId, turns[2].Reply.Products.Single().ProductId);
        Assert.Contains("wash", turns[2].Reply.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Attribute_reference_picks_the_shown_product_with_that_colour()
    {
        var turns = await app.ChatAsync("show me beanies");
        var products = await app.ProductsAsync();
        var shown = turns[0].Reply.Products;
        // A colour only one of the shown beanies offers in stock.
        var distinctive = shown.SelectMany(c => products[c.ProductId].Variants.Where(v => v.IsAvailable).Select(v => (c.ProductId, Color: v.Option1!)))
            .GroupBy(x => x.Color).First(g => g.Select(x => x.ProductId).Distinct().Count() == 1);
        var conversation = turns[0].Shopper.ConversationId;
        var answer = await app.SayAsync(conversation, $"is the {distinctive.Key.ToLowerInvariant()} one in stock?");

        Assert.Equal(distinctive.First().ProductId, answer.Reply.Products.Single().ProductId);
    }

    [Fact]
    public async Task A_vague_gift_request_gets_one_clarifying_question_then_suggestions()
    {
        var turns = await app.ChatAsync("I need a gift", "no idea really", "for my mom");

        Assert.Empty(turns[0].Reply.Products);
        Assert.Contains("?", turns[0].Reply.Text);
        Assert.NotEmpty(turns[0].Reply.QuickReplies);
        Assert.NotEmpty(turns[2].Reply.Products);
        Assert.Equal(CommerceIntents.GiftFinder, turns[2].Reply.Intent);
    }

    [Fact]
    public async Task Gift_ideas_span_several_product_types()
    {
        var turn = (await app.ChatAsync("birthday present for my dad under $100"))[0];

        Assert.True(turn.Reply.Products.Count >= 3);
        Assert.True(turn.Reply.Products.Select(p => p.ProductType).Distinct().Count() >= 3, string.Join(", ", turn.Reply.Products.Select(p => p.ProductType)));
        Assert.All(turn.Reply.Products, c => Assert.True(c.Price <= 100m));
        Assert.Contains(turn.Reply.Products, c => c.Reasons.Any(r => r.Contains("birthday")));
        Assert.Contains("for your dad for a birthday under $100", turn.Reply.Text);
    }

    [Fact]
    public async Task Recommend_one_gives_a_single_pick_with_reasons()
    {
        var turns = await app.ChatAsync("show me candles under $40", "which one should I get?");
        var pick = Assert.Single(turns[1].Reply.Products);

        Assert.Contains(pick.ProductId, turns[0].Reply.Products.Select(p => p.ProductId));
        Assert.NotEmpty(pick.Reasons);
        Assert.Contains(pick.Title, turns[1].Reply.Text);
    }

    [Fact]
    public async Task Add_to_cart_emits_the_in_stock_variant_in_the_size_asked()
    {
        var turns = await app.ChatAsync("show me lambswool sweaters", "add the first one in M to my cart");
        var products = await app.ProductsAsync();
        var product = products[turns[0].Reply.Products[0].ProductId];
        var reply = turns[1].Reply;

        if (reply.Actions.SingleOrDefault(a => a.Kind == ReplyActions.AddToCart) is { } action)
        {
            var variant = product.Variants.Single(v => v.ShopifyId.ToString() == action.Data["variantId"]);
            Assert.True(variant.IsAvailable);
            Assert.Equal("M", variant.Option1);
        }
        else
        {
            // Several colours in M: the engine asks which, offering only in-stock M variants.
            Assert.NotEmpty(reply.QuickReplies);
            Assert.All(reply.QuickReplies, q => Assert.StartsWith("M", q));
        }
    }

    [Fact]
    public async Task Policies_are_quoted_from_the_shop_settings()
    {
        var turns = await app.ChatAsync("what is your return policy?", "how much is shipping?");

        Assert.Contains("30 days", turns[0].Reply.Text);
        Assert.Contains("Free standard shipping", turns[1].Reply.Text);
    }

    [Theory]
    [InlineData("how long does shipping take to canada?", "Canada", "$6.95")]
    [InlineData("do you ship abroad?", "international", "$6.95")]
    [InlineData("do you take paypal?", "PayPal", "sales tax")]
    public async Task A_specific_policy_question_gets_the_sentence_that_answers_it(string text, string answer, string notQuoted)
    {
        var reply = (await app.ChatAsync(text))[0].Reply;

        Assert.Equal(CommerceIntents.ShippingReturns, reply.Intent);
        Assert.Contains(answer, reply.Text);
        Assert.DoesNotContain(notQuoted, reply.Text);
        Assert.StartsWith("Full ", reply.QuickReplies[0]);
        // The chip gives the whole policy.
        var full = (await app.ChatAsync(reply.QuickReplies[0]))[0].Reply;
        Assert.Contains(notQuoted, full.Text);
    }

    [Fact]
    public async Task Order_status_needs_an_identified_customer_and_then_shows_their_orders()
    {
        var anonymous = (await app.ChatAsync("where is my order?"))[0];
        Assert.Equal(CommerceIntents.OrderStatus, anonymous.Reply.Intent);
        Assert.Contains("sign in", anonymous.Reply.Text);

        var (customerId, orderName) = await app.CustomerWithOrderAsync();
        var known = await app.SayAsync(Guid.NewGuid(), "where is my order?", customerId: customerId);
        Assert.Contains(orderName, known.Reply.Text);
    }

    [Fact]
    public async Task Order_status_sees_an_order_placed_after_earlier_turns_remembered_the_customer_profile()
    {
        var (customerId, _) = await app.CustomerWithOrderAsync();
        var conversation = Guid.NewGuid();
        await app.SayAsync(conversation, "show me mugs", customerId: customerId); // ranking reads (and remembers) the profile

        var name = $"#{Random.Shared.Next(700_000, 799_999)}";
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ShopScope>().Set(app.ShopId);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Orders.Add(new Order
            {
                ShopifyId = Random.Shared.NextInt64(1_000_000_000, 2_000_000_000), Name = name, CustomerId = customerId, TotalPrice = 12m,
                FinancialStatus = "paid", FulfillmentStatus = "fulfilled", CreatedAt = DateTimeOffset.UtcNow.AddMinutes(1), UpdatedAt = DateTimeOffset.UtcNow,
                Lines = [new OrderLine { Title = "Fresh Order Mug", Quantity = 1, Price = 12m }],
            });
            await db.SaveChangesAsync();
        }

        var status = await app.SayAsync(conversation, "where is my order?", customerId: customerId);
        Assert.Equal(CommerceIntents.OrderStatus, status.Reply.Intent);
        Assert.Contains(name, status.Reply.Text);
    }

    [Fact]
    public async Task Stop_opts_out_and_greeting_thanks_goodbye_answer_briefly()
    {
        var turns = await app.ChatAsync("hello", "thanks!", "bye", "STOP");

        Assert.Equal(CommerceIntents.Greeting, turns[0].Reply.Intent);
        Assert.Equal(CommerceIntents.Thanks, turns[1].Reply.Intent);
        Assert.Equal(CommerceIntents.Goodbye, turns[2].Reply.Intent);
        Assert.Contains(turns[3].Reply.Actions, a => a.Kind == ReplyActions.OptOut);
        Assert.All(turns.Take(3), t => Assert.Empty(t.Reply.Products));
    }

    [Fact]
    public async Task Off_topic_messages_are_steered_back_to_shopping()
    {
        var turn = (await app.ChatAsync("what do you think about the election results"))[0];

        Assert.Equal(CommerceIntents.OutOfScope, turn.Reply.Intent);
        Assert.Empty(turn.Reply.Products);
        Assert.NotEmpty(turn.Reply.QuickReplies);
    }

    [Fact]
    public async Task An_unclear_message_gets_a_short_did_you_mean_question_with_choices()
    {
        var turn = (await app.ChatAsync("is there a way"))[0];

        Assert.Equal(CommerceIntents.OutOfScope, turn.Reply.Intent);
        Assert.Contains("did you mean", turn.Reply.Text, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(turn.Reply.QuickReplies);
        Assert.True(turn.Reply.Text.Length < 120, turn.Reply.Text);
    }

    [Theory]
    [InlineData("anything vegan?", "vegan")]
    [InlineData("electronics", "electronics")]
    public async Task An_unsure_message_made_of_words_the_shop_tags_its_products_with_is_a_search(string text, string tag)
    {
        var turn = (await app.ChatAsync(text))[0];
        var products = await app.ProductsAsync();

        Assert.Equal(CommerceIntents.Search, turn.Reply.Intent);
        Assert.True(turn.Reply.Confidence < 0.45, $"the classifier was sure ({turn.Reply.Confidence}): this test no longer covers the routing");
        Assert.NotEmpty(turn.Reply.Products);
        Assert.All(turn.Reply.Products, c => Assert.Contains(tag, products[c.ProductId].Tags, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Sale_question_lists_only_marked_down_products()
    {
        var turn = (await app.ChatAsync("what's on sale right now?"))[0];

        Assert.NotEmpty(turn.Reply.Products);
        Assert.All(turn.Reply.Products, c => Assert.True(c.CompareAtPrice > c.Price));
    }

    [Fact]
    public async Task The_same_turn_reads_the_same_and_wording_varies_across_conversations()
    {
        var engine = app.Factory.Services.GetRequiredService<ITurnEngine>();
        TurnContext Context(Guid conversation) => new(app.ShopId, conversation, Channel.Widget, "show me scarves", "{}", null, []);
        var id = Guid.NewGuid();
        var first = await engine.RespondAsync(Context(id), CancellationToken.None);
        var second = await engine.RespondAsync(Context(id), CancellationToken.None);
        Assert.Equal(first.Reply.Text, second.Reply.Text);
        Assert.Equal(first.StateJson, second.StateJson);

        var intros = new HashSet<string>();
        for (var i = 0; i < 12; i++)
            intros.Add((await engine.RespondAsync(Context(Guid.NewGuid()), CancellationToken.None)).Reply.Text.Split('\n')[0]);
        Assert.True(intros.Count > 1, "every conversation got the same wording");
    }
}
