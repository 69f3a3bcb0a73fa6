using System.Diagnostics;
using System.Text.Json.Nodes;
using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Llm;
using ConversationalCommerce.Engine.Replies;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Tests.Llm;

public sealed class LlmTurnEngineTests(LlmDemoApp app) : IClassFixture<LlmDemoApp>
{
    private const string Search = "shop-search_products";

    [Fact]
    public async Task Model_writes_the_reply_from_tool_results_and_cards_come_from_the_catalog()
    {
        app.OpenAi.Reset();
        var top = app.Catalog.Search(app.ShopId, new SearchRequest("soy candle") { MaxPrice = 40, Limit = 6 });
        Assert.NotEmpty(top);
        var pick = top[0].Product;
        var answer = $"The {pick.Title} is a lovely choice for a housewarming, and it fits your budget.";
        app.OpenAi.ToolCallsThenAnswer(answer, ("call_search_1", Search, new { query = "soy candle", maxPrice = 40 }));

        const string text = "a scented candle for a housewarming under $40";
        var outcome = await app.RespondAsync(app.Turn(text));

        Assert.Equal(answer, outcome.Reply.Text);
        var card = Assert.Single(outcome.Reply.Products);
        Assert.Equal(pick.Id, card.ProductId);
        Assert.Equal(pick.Title, card.Title);
        Assert.Equal(top[0].BestVariant!.Price, card.Price);
        Assert.True(card.Price <= 40);

        var requests = app.OpenAi.Requests(text);
        Assert.Equal(2, requests.Count);
        var tools = requests[0]["tools"]!.AsArray().Select(t => (string)t!["function"]!["name"]!).ToList();
        Assert.Contains(Search, tools);
        Assert.Contains("shop-get_product", tools);
        Assert.Contains("shop-compare_products", tools);
        Assert.Contains("shop-recommend_gifts", tools);
        Assert.Contains("shop-add_to_cart", tools);
        Assert.Equal("gpt-4o-mini", (string?)requests[0]["model"]);
        Assert.Equal("system", (string?)requests[0]["messages"]![0]!["role"]);
        Assert.Equal(text, (string?)requests[0]["messages"]!.AsArray().Last()!["content"]);

        // The second request carries our tool call and its result: the real catalog's products, within the budget.
        var messages = requests[1]["messages"]!.AsArray();
        var call = messages.Single(m => m!["tool_calls"] is not null)!["tool_calls"]![0]!;
        Assert.Equal("call_search_1", (string?)call["id"]);
        Assert.Equal(Search, (string?)call["function"]!["name"]);
        var result = messages.Single(m => (string?)m!["role"] == "tool")!;
        Assert.Equal("call_search_1", (string?)result["tool_call_id"]);
        var products = JsonNode.Parse((string)result["content"]!)!["products"]!.AsArray();
        Assert.Equal(top.Count, products.Count);
        Assert.Equal(pick.Id.ToString(), (string?)products[0]!["id"]);
        Assert.All(products, p => Assert.True((decimal)p!["price"]! <= 40));
    }

    [Fact]
    public async Task Product_named_by_the_model_but_returned_by_no_tool_never_becomes_a_card()
    {
        app.OpenAi.Reset();
        const string invented = "Moonlight Unicorn Lamp";
        app.OpenAi.ToolCallsThenAnswer($"I'd go for the {invented}, only $12 and it glows!",
            ("call_search_1", Search, new { query = "mug" }));

        var outcome = await app.RespondAsync(app.Turn("show me mugs"));

        var returned = app.Catalog.Search(app.ShopId, new SearchRequest("mug") { Limit = 6 }).Select(h => h.Product.Id).ToHashSet();
        Assert.NotEmpty(outcome.Reply.Products);
        Assert.All(outcome.Reply.Products, c => Assert.Contains(c.ProductId, returned));
        Assert.DoesNotContain(outcome.Reply.Products, c => c.Title.Contains("Unicorn", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Answer_without_any_tool_call_shows_no_cards_whatever_it_names()
    {
        app.OpenAi.Reset();
        var real = app.Catalog.Search(app.ShopId, new SearchRequest("mug") { Limit = 1 })[0].Product;
        app.OpenAi.Answers($"Try the {real.Title} or the Galaxy Unicorn Mug!");

        var outcome = await app.RespondAsync(app.Turn("what do you recommend?"));

        Assert.StartsWith("Try the", outcome.Reply.Text);
        Assert.Empty(outcome.Reply.Products);
    }

    [Fact]
    public async Task Slow_provider_falls_back_to_the_offline_reply_within_the_timeout()
    {
        app.OpenAi.Reset();
        app.OpenAi.AnswersAfter(TimeSpan.FromSeconds(LlmDemoApp.TimeoutSeconds + 5), "too late");
        var turn = app.Turn("a birthday gift for my mom under $50");

        var clock = Stopwatch.StartNew();
        var outcome = await app.RespondAsync(turn);
        clock.Stop();

        var offline = await app.OfflineAsync(turn);
        Assert.Equal(offline.Reply.Text, outcome.Reply.Text);
        Assert.Equal(offline.Reply.Products.Select(p => p.ProductId), outcome.Reply.Products.Select(p => p.ProductId));
        Assert.Equal(offline.StateJson, outcome.StateJson);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(LlmDemoApp.TimeoutSeconds + 4), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData(429, "requests", "rate_limit_exceeded", "Rate limit reached for gpt-4o-mini in organization org-x on requests per min (RPM): Limit 3, Used 3, Requested 1.")]
    [InlineData(500, "server_error", "server_error", "The server had an error while processing your request. Sorry about that!")]
    [InlineData(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided: sk-test-*****-key.")]
    public async Task Provider_error_falls_back_to_the_offline_reply_without_retrying(int status, string type, string code, string message)
    {
        app.OpenAi.Reset();
        app.OpenAi.Fails(status, type, code, message);
        var turn = app.Turn("do you have linen shirts?");

        var outcome = await app.RespondAsync(turn);

        var offline = await app.OfflineAsync(turn);
        Assert.Equal(offline.Reply.Text, outcome.Reply.Text);
        Assert.Single(app.OpenAi.Requests(turn.Text));
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":\"none\"}")]
    [InlineData("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1741569952,\"model\":\"gpt-4o-mini\",\"choices\":[]}")]
    public async Task Malformed_response_falls_back_to_the_offline_reply(string body)
    {
        app.OpenAi.Reset();
        app.OpenAi.RespondsWithRaw(200, body);
        var turn = app.Turn("show me candles");

        var outcome = await app.RespondAsync(turn);

        Assert.Equal((await app.OfflineAsync(turn)).Reply.Text, outcome.Reply.Text);
    }

    [Fact]
    public async Task Model_that_keeps_calling_tools_is_cut_off_and_the_offline_reply_is_sent()
    {
        app.OpenAi.Reset();
        app.OpenAi.AlwaysCallsTool(Search, new { query = "candle" });
        var turn = app.Turn("candles please");

        var outcome = await app.RespondAsync(turn);

        Assert.Equal((await app.OfflineAsync(turn)).Reply.Text, outcome.Reply.Text);
        Assert.InRange(app.OpenAi.Requests(turn.Text).Count, LlmDemoApp.MaxToolRounds, LlmDemoApp.MaxToolRounds + 1);
    }

    [Fact]
    public async Task Add_to_cart_tool_puts_the_variant_in_an_action_and_shows_its_card()
    {
        app.OpenAi.Reset();
        var candle = app.Catalog.Search(app.ShopId, new SearchRequest("soy candle") { Limit = 20 })
            .Select(h => h.Product).First(p => p.Variants.Count(v => v.IsAvailable) == 1);
        var variant = candle.Variants.Single(v => v.IsAvailable);
        app.OpenAi.ToolCallsThenAnswer($"Done! The {candle.Title} is in your cart.",
            ("call_cart_1", "shop-add_to_cart", new { productId = candle.Id.ToString(), quantity = 2 }));

        var outcome = await app.RespondAsync(app.Turn("add it to my cart, two please"));

        var action = Assert.Single(outcome.Reply.Actions);
        Assert.Equal(ReplyActions.AddToCart, action.Kind);
        Assert.Equal(variant.ShopifyId.ToString(), action.Data["variantId"]);
        Assert.Equal("2", action.Data["quantity"]);
        var card = Assert.Single(outcome.Reply.Products);
        Assert.Equal(candle.Id, card.ProductId);
        Assert.Equal(variant.ShopifyId, card.SelectedVariantId);
    }

    [Fact]
    public async Task Tool_asked_for_an_unknown_product_tells_the_model_and_adds_nothing()
    {
        app.OpenAi.Reset();
        app.OpenAi.ToolCallsThenAnswer("Sorry, I couldn't find that product.",
            ("call_cart_1", "shop-add_to_cart", new { productId = Guid.NewGuid().ToString() }));

        const string text = "add the unicorn lamp to my cart";
        var outcome = await app.RespondAsync(app.Turn(text));

        Assert.Empty(outcome.Reply.Actions);
        Assert.Empty(outcome.Reply.Products);
        var toolResult = app.OpenAi.Requests(text)[1]["messages"]!.AsArray().Single(m => (string?)m!["role"] == "tool")!;
        Assert.Contains("No product with id", (string)toolResult["content"]!);
    }

    [Fact]
    public async Task Reply_without_cards_keeps_the_products_the_shopper_saw_before()
    {
        app.OpenAi.Reset();
        var before = app.Catalog.Search(app.ShopId, new SearchRequest("necklace") { Limit = 2 });
        var previous = ConversationStateJson.Write(ConversationState.Empty with
        {
            Turn = 3,
            Shown = [.. before.Select(h => new ShownProduct(h.Product.Id, h.BestVariant?.ShopifyId, h.Product.Title, h.BestVariant!.Price))],
        });
        app.OpenAi.Answers("Could you tell me a bit more about what you have in mind?");
        var turn = app.Turn("show me mugs", previous);

        var outcome = await app.RespondAsync(turn);

        Assert.Empty(outcome.Reply.Products);
        var offline = ConversationStateJson.Read((await app.OfflineAsync(turn)).StateJson);
        Assert.NotEqual(before.Select(h => h.Product.Id), offline.Shown.Select(s => s.ProductId));
        var state = ConversationStateJson.Read(outcome.StateJson);
        Assert.Equal(before.Select(h => h.Product.Id), state.Shown.Select(s => s.ProductId));
        Assert.Equal(offline.Turn, state.Turn);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(offline.Slots), System.Text.Json.JsonSerializer.Serialize(state.Slots));
    }
}
