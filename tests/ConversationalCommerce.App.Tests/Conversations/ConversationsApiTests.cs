using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ConversationalCommerce.Domain.Shops;
using ConversationalCommerce.Testing;

namespace ConversationalCommerce.App.Tests.Conversations;

public sealed class HeadlessApiApp : IDisposable
{
    public const string Key = "test-headless-key-0123456789";
    public AppFactory Factory { get; } = new AppFactory(seedDemo: true).WithSetting($"HeadlessApi:Keys:{Shop.DemoDomain}", Key);
    public HttpClient Client { get; }

    public HeadlessApiApp() => Client = Factory.CreateClient();

    public HttpRequestMessage Post(object body, string? key = Key, string shop = Shop.DemoDomain)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/conversations/{shop}/messages") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
    }
}

public sealed class ConversationsApiTests(HeadlessApiApp app) : IClassFixture<HeadlessApiApp>
{
    [Fact]
    public async Task A_message_is_answered_with_the_structured_reply_and_the_thread_continues()
    {
        var first = await app.Client.SendAsync(app.Post(new { text = "gift for my mom under $50" }));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var turn = await first.Content.ReadFromJsonAsync<JsonElement>();
        var conversationId = turn.GetProperty("conversationId").GetGuid();
        Assert.Equal("gift_finder", turn.GetProperty("reply").GetProperty("intent").GetString());
        var products = turn.GetProperty("reply").GetProperty("products").EnumerateArray().ToList();
        Assert.NotEmpty(products);
        Assert.All(products, p => Assert.True(p.GetProperty("price").GetDecimal() <= 50m));

        var second = await app.Client.SendAsync(app.Post(new { text = "compare the first two", conversationId }));
        var compared = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, compared.GetProperty("shopperSeq").GetInt64());
        Assert.Equal(products.Take(2).Select(p => p.GetProperty("productId").GetGuid()),
            compared.GetProperty("reply").GetProperty("products").EnumerateArray().Select(p => p.GetProperty("productId").GetGuid()));

        var history = new HttpRequestMessage(HttpMethod.Get, $"/api/conversations/{Shop.DemoDomain}/{conversationId}/messages?afterSeq=2");
        history.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HeadlessApiApp.Key);
        var messages = await (await app.Client.SendAsync(history)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(new long[] { 3, 4 }, messages.EnumerateArray().Select(m => m.GetProperty("seq").GetInt64()));
        Assert.Equal("api", messages[0].GetProperty("channel").GetString());
    }

    [Fact]
    public async Task A_repeated_external_id_is_answered_from_the_stored_turn()
    {
        var body = new { text = "show me mugs", externalId = "order-bot-42" };
        var a = await (await app.Client.SendAsync(app.Post(body))).Content.ReadFromJsonAsync<JsonElement>();
        var b = await (await app.Client.SendAsync(app.Post(body))).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(a.GetProperty("duplicate").GetBoolean());
        Assert.True(b.GetProperty("duplicate").GetBoolean());
        Assert.Equal(a.GetProperty("assistantSeq").GetInt64(), b.GetProperty("assistantSeq").GetInt64());
        Assert.Equal(a.GetProperty("conversationId").GetGuid(), b.GetProperty("conversationId").GetGuid());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Missing_or_wrong_key_is_refused(string? key)
    {
        var response = await app.Client.SendAsync(app.Post(new { text = "hi" }, key));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Empty_and_oversized_messages_are_refused_with_a_reason()
    {
        var empty = await app.Client.SendAsync(app.Post(new { text = "  " }));
        var huge = await app.Client.SendAsync(app.Post(new { text = new string('x', 2001) }));

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Equal("too_long", (await huge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
