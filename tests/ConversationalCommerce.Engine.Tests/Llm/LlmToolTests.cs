using System.Text.Json.Nodes;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Conversation;
using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Engine.Tests.Llm;

/// <summary>Each tool as the model calls it, answered by the app's real services over the demo store.</summary>
public sealed class LlmToolTests(LlmDemoApp app) : IClassFixture<LlmDemoApp>
{
    [Fact]
    public async Task Gift_tool_answers_from_the_gift_finder_within_budget_with_reasons_on_the_cards()
    {
        app.OpenAi.Reset();
        const string text = "birthday present for my mother, max 50 dollars";
        app.OpenAi.ToolCallsThenAnswer("Here are a few birthday ideas she might love.",
            ("call_gift_1", "shop-recommend_gifts", new { recipient = "my mother", occasion = "birthday", maxBudget = 50 }));

        var outcome = await app.RespondAsync(app.Turn(text));

        var result = ToolResult(text, "call_gift_1");
        var offered = result["products"]!.AsArray();
        Assert.NotEmpty(offered);
        Assert.All(offered, p => Assert.True((decimal)p!["product"]!["price"]! <= 50m));
        Assert.All(offered, p => Assert.NotEmpty(p!["reasons"]!.AsArray()));
        // Nothing named: the cards are the gift finder's best, in its order, with its reasons.
        Assert.NotEmpty(outcome.Reply.Products);
        Assert.Equal(offered.Take(outcome.Reply.Products.Count).Select(p => Guid.Parse((string)p!["product"]!["id"]!)),
            outcome.Reply.Products.Select(c => c.ProductId));
        Assert.All(outcome.Reply.Products, c => Assert.True(c.Price <= 50m));
        Assert.All(outcome.Reply.Products, c => Assert.NotEmpty(c.Reasons));
    }

    [Fact]
    public async Task Search_tool_names_the_words_no_product_has_so_the_model_can_say_the_shop_lacks_them()
    {
        app.OpenAi.Reset();
        const string text = "do you have snowboard socks?";
        app.OpenAi.ToolCallsThenAnswer("We don't sell snowboard gear, but these wool socks are warm.",
            ("call_search_1", "shop-search_products", new { query = "snowboard socks" }));

        await app.RespondAsync(app.Turn(text));

        var result = ToolResult(text, "call_search_1");
        Assert.Equal(["snowboard"], result["wordsNoProductHas"]!.AsArray().Select(w => (string)w!));
        Assert.NotEmpty(result["products"]!.AsArray());
        Assert.All(result["products"]!.AsArray(), p => Assert.Contains("Socks", (string)p!["title"]!));
    }

    [Fact]
    public async Task Policy_tool_quotes_the_shops_own_returns_policy()
    {
        app.OpenAi.Reset();
        const string text = "can I return a gift?";
        app.OpenAi.ToolCallsThenAnswer("Yes: returns are free within 30 days of delivery.",
            ("call_policy_1", "shop-get_store_policy", new { topic = "returns" }));

        var outcome = await app.RespondAsync(app.Turn(text));

        Assert.Contains("Returns are free within 30 days of delivery", (string)ToolResult(text, "call_policy_1")["policy"]!);
        Assert.Empty(outcome.Reply.Products);
    }

    [Fact]
    public async Task Order_tool_shows_the_identified_customers_own_orders_only()
    {
        app.OpenAi.Reset();
        var (customerId, own, others) = await CustomerWithOrdersAsync();
        const string text = "where is my order?";
        app.OpenAi.ToolCallsThenAnswer("Your latest order is on its way.", ("call_orders_1", "shop-get_order_status", new { }));

        await app.RespondAsync(app.Turn(text, customerId: customerId));

        var numbers = ToolResult(text, "call_orders_1")["orders"]!.AsArray().Select(o => (string)o!["number"]!).ToList();
        Assert.NotEmpty(numbers);
        Assert.All(numbers, n => Assert.Contains(n, own));
        Assert.DoesNotContain(numbers, others.Contains);
    }

    [Fact]
    public async Task Order_tool_refuses_an_anonymous_shopper_even_with_a_real_order_number()
    {
        app.OpenAi.Reset();
        var (_, own, _) = await CustomerWithOrdersAsync();
        var text = $"status of order {own[0]}?";
        app.OpenAi.ToolCallsThenAnswer("Please sign in so I can check.", ("call_orders_1", "shop-get_order_status", new { orderNumber = own[0] }));

        await app.RespondAsync(app.Turn(text));

        var result = ToolResult(text, "call_orders_1");
        Assert.Equal("The shopper is not identified.", (string?)result["error"]);
        Assert.Null(result["orders"]);
    }

    [Fact]
    public async Task Product_of_another_shop_is_not_found_by_the_tools_and_never_shown()
    {
        app.OpenAi.Reset();
        var foreign = await OtherShopProductAsync();
        const string text = "tell me about that lamp";
        app.OpenAi.ToolCallsThenAnswer($"The {foreign.Title} is great.",
            ("call_get_1", "shop-get_product", new { productId = foreign.Id.ToString() }),
            ("call_cmp_1", "shop-compare_products", new { productIds = new[] { foreign.Id.ToString(), foreign.Id.ToString() } }));

        var outcome = await app.RespondAsync(app.Turn(text));

        Assert.Contains("No product with id", (string?)ToolResult(text, "call_get_1")["error"]);
        Assert.NotNull(ToolResult(text, "call_cmp_1")["error"]);
        Assert.Empty(outcome.Reply.Products);
    }

    [Fact]
    public async Task Bought_with_tool_answers_from_the_orders_with_their_counts_and_says_when_there_are_none()
    {
        app.OpenAi.Reset();
        var scarf = app.Catalog.Search(app.ShopId, new SearchRequest("heathered wool scarf") { Limit = 1 })[0].Product;
        var lonely = await OtherShopProductAsync(); // another shop's product: not this shop's to pair
        const string text = "what goes well with the heathered scarf?";
        app.OpenAi.ToolCallsThenAnswer("Shoppers often add a sweater.",
            ("call_pair_1", "shop-frequently_bought_with", new { productId = scarf.Id.ToString() }),
            ("call_pair_2", "shop-frequently_bought_with", new { productId = lonely.Id.ToString() }));

        var outcome = await app.RespondAsync(app.Turn(text));

        var offered = ToolResult(text, "call_pair_1")["products"]!.AsArray();
        Assert.NotEmpty(offered);
        Assert.All(offered, p => Assert.Matches(@"^bought together in \d+ orders$", (string)p!["reasons"]![0]!));
        Assert.Contains("No product with id", (string?)ToolResult(text, "call_pair_2")["error"]);
        Assert.Equal(offered.Take(outcome.Reply.Products.Count).Select(p => Guid.Parse((string)p!["product"]!["id"]!)),
            outcome.Reply.Products.Select(c => c.ProductId));
    }

    [Fact]
    public async Task Conversation_stores_the_llm_reply_and_the_next_turn_sees_the_products_shown()
    {
        app.OpenAi.Reset();
        var hits = app.Catalog.Search(app.ShopId, new SearchRequest("throw blanket") { Limit = 6 });
        var (first, second) = (hits[0].Product, hits[1].Product);
        const string text = "cozy throw blankets";
        app.OpenAi.ToolCallsThenAnswer($"Try the {first.Title} or the {second.Title}.",
            ("call_search_1", "shop-search_products", new { query = "throw blanket" }));
        var conversationId = Guid.NewGuid();
        var conversations = app.Services.GetRequiredService<IConversationService>();

        var turn = await conversations.HandleAsync(new ShopperMessage(app.ShopId, conversationId, Channel.Widget, text), CancellationToken.None);

        Assert.Equal([first.Id, second.Id], turn.Reply.Products.Select(c => c.ProductId));
        Assert.Equal(turn.Reply.Text, turn.Assistant!.Text);
        var state = ConversationStateJson.Read(await StateOfAsync(conversationId));
        Assert.Equal([first.Id, second.Id], state.Shown.Select(s => s.ProductId));

        app.OpenAi.Reset();
        const string next = "is the second one machine washable?";
        app.OpenAi.Answers("Let me check that for you.");
        await conversations.HandleAsync(new ShopperMessage(app.ShopId, conversationId, Channel.Widget, next), CancellationToken.None);

        var request = Assert.Single(app.OpenAi.Requests(next));
        var messages = request["messages"]!.AsArray();
        var shown = messages.Select(m => (string?)m!["content"]).Single(c => c?.StartsWith("Products the shopper saw last") == true)!;
        Assert.Contains($"2. {second.Title} (id {second.Id})", shown);
        // The earlier exchange is in the history the model sees.
        Assert.Contains(messages, m => (string?)m!["role"] == "user" && (string?)m["content"] == text);
        Assert.Contains(messages, m => (string?)m!["role"] == "assistant" && (string?)m["content"] == turn.Reply.Text);
    }

    private JsonNode ToolResult(string shopperText, string callId)
    {
        var last = app.OpenAi.Requests(shopperText)[^1];
        var message = last["messages"]!.AsArray().Single(m => (string?)m!["role"] == "tool" && (string?)m["tool_call_id"] == callId)!;
        return JsonNode.Parse((string)message["content"]!)!;
    }

    private async Task<(Guid Customer, List<string> Own, HashSet<string> Others)> CustomerWithOrdersAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(app.ShopId);
        var orders = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Orders.AsNoTracking()
            .Where(o => o.CustomerId != null).Select(o => new { o.CustomerId, o.Name }).ToListAsync();
        var customer = orders.GroupBy(o => o.CustomerId!.Value).OrderByDescending(g => g.Count()).First();
        return (customer.Key, customer.Select(o => o.Name).ToList(),
            orders.Where(o => o.CustomerId != customer.Key).Select(o => o.Name).ToHashSet());
    }

    private async Task<string> StateOfAsync(Guid conversationId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(app.ShopId);
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Conversations.AsNoTracking()
            .Where(c => c.Id == conversationId).Select(c => c.StateJson).SingleAsync();
    }

    /// <summary>A second shop with one product, loaded into the same search service.</summary>
    private async Task<Product> OtherShopProductAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shop = new Shop { Domain = $"other-{Guid.NewGuid():N}.myshopify.com", Name = "Other" };
        db.Shops.Add(shop);
        await db.SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shop.Id);
        var product = new Product { ShopId = shop.Id, Handle = "glow-lamp", Title = "Glow Lamp", ShopifyId = 990001, ProductType = "Lamp" };
        product.Variants.Add(new ProductVariant { ShopId = shop.Id, ProductId = product.Id, ShopifyId = 990002, Price = 30m, InventoryQuantity = 4 });
        db.Products.Add(product);
        await db.SaveChangesAsync();
        await app.Catalog.EnsureLoadedAsync(shop.Id, CancellationToken.None);
        Assert.NotNull(app.Catalog.Get(shop.Id, product.Id));
        return product;
    }
}
