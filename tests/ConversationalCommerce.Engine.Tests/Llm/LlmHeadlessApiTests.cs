using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Tests.Llm;

/// <summary>A channel's view: the headless conversation API over real HTTP, with the LLM mode answering.</summary>
public sealed class LlmHeadlessApiTests(LlmDemoApp app) : IClassFixture<LlmDemoApp>
{
    [Fact]
    public async Task Api_returns_and_stores_the_models_reply_with_cards_from_the_catalog()
    {
        app.OpenAi.Reset();
        var pick = app.Catalog.Search(app.ShopId, new SearchRequest("coffee beans") { Limit = 6 })[0];
        const string text = "any good coffee beans?";
        var answer = $"The {pick.Product.Title} is a favourite here.";
        app.OpenAi.ToolCallsThenAnswer(answer, ("call_search_1", "shop-search_products", new { query = "coffee beans" }));
        using var client = app.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LlmDemoApp.ApiKey);

        var response = await client.PostAsJsonAsync($"/api/conversations/{Shop.DemoDomain}/messages", new { text });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(answer, (string?)body["reply"]!["text"]);
        var card = Assert.Single(body["reply"]!["products"]!.AsArray())!;
        Assert.Equal(pick.Product.Id.ToString(), (string?)card["productId"]);
        Assert.Equal(pick.BestVariant!.Price, (decimal)card["price"]!);

        var history = JsonNode.Parse(await client.GetStringAsync(
            $"/api/conversations/{Shop.DemoDomain}/{(string)body["conversationId"]!}/messages?afterSeq=0&limit=10"))!;
        var stored = history.AsArray().Single(m => (string?)m!["role"] == "assistant")!;
        Assert.Equal(answer, (string?)stored["text"]);
        Assert.Equal(pick.Product.Id.ToString(), (string?)stored["reply"]!["products"]![0]!["productId"]);
    }
}
