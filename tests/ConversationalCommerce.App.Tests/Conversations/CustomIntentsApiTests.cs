using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ConversationalCommerce.Domain.Shops;

namespace ConversationalCommerce.App.Tests.Conversations;

public sealed class CustomIntentsApiTests(HeadlessApiApp app) : IClassFixture<HeadlessApiApp>
{
    private const string Intents = $"/api/shops/{Shop.DemoDomain}/intents";

    private HttpRequestMessage Request(HttpMethod method, string url, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HeadlessApiApp.Key);
        return request;
    }

    private async Task<JsonElement> AskAsync(string text)
    {
        var response = await app.Client.SendAsync(app.Post(new { text }));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reply");
    }

    [Fact]
    public async Task A_custom_intent_is_learned_in_the_background_answered_with_the_merchant_reply_and_removed_again()
    {
        const string reply = "Every order can be gift wrapped for $5: tick 'gift wrap' at checkout.";
        var put = await app.Client.SendAsync(Request(HttpMethod.Put, $"{Intents}/gift_wrapping", new
        {
            examples = new[] { "do you offer gift wrapping", "can you wrap it as a present", "is gift wrap available", "can I get it wrapped", "do you wrap gifts", "gift wrapping options" },
            reply,
        }));
        Assert.Equal(HttpStatusCode.Accepted, put.StatusCode);

        var list = await (await app.Client.SendAsync(Request(HttpMethod.Get, Intents))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(list.EnumerateArray(), i => i.GetProperty("name").GetString() == "gift_wrapping");

        // Training runs in the background; poll (bounded) until the shop's new model answers.
        JsonElement answer = default;
        for (var i = 0; i < 100; i++)
        {
            answer = await AskAsync("do you do gift wrapping?");
            if (answer.GetProperty("intent").GetString() == "gift_wrapping") break;
            await Task.Delay(200);
        }
        Assert.Equal("gift_wrapping", answer.GetProperty("intent").GetString());
        Assert.Equal(reply, answer.GetProperty("text").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await app.Client.SendAsync(Request(HttpMethod.Delete, $"{Intents}/gift_wrapping"))).StatusCode);
        for (var i = 0; i < 100; i++)
        {
            answer = await AskAsync("do you do gift wrapping?");
            if (answer.GetProperty("intent").GetString() != "gift_wrapping") break;
            await Task.Delay(200);
        }
        Assert.NotEqual("gift_wrapping", answer.GetProperty("intent").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.SendAsync(Request(HttpMethod.Delete, $"{Intents}/gift_wrapping"))).StatusCode);
    }

    [Theory]
    [InlineData("Bad Name", 3)]
    [InlineData("search", 3)]
    [InlineData("store_hours", 1)]
    public async Task Invalid_intents_are_refused_with_the_reason(string name, int exampleCount)
    {
        var response = await app.Client.SendAsync(Request(HttpMethod.Put, $"{Intents}/{Uri.EscapeDataString(name)}", new
        {
            examples = Enumerable.Range(0, exampleCount).Select(i => $"when do you open {i}").ToArray(),
            reply = "We're open 9 to 5.",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Intents_need_the_shop_key()
    {
        var response = await app.Client.GetAsync(Intents);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
