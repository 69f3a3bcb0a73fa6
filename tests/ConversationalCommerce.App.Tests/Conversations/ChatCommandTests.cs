using System.Text.Json;
using ConversationalCommerce.Testing;
using ConversationalCommerce.App.Tests.Cli;

namespace ConversationalCommerce.App.Tests.Conversations;

/// <summary>The `chat` command as an operator runs it: the built executable, a fresh SQLite file, the demo store.</summary>
public sealed class ChatCommandTests : IDisposable
{
    private readonly TestDataDirectory _data = new();

    [Fact]
    public async Task Chat_answers_as_the_widget_and_continues_a_conversation_as_json()
    {
        Assert.Equal(0, (await RunAsync("seed-demo")).Exit);

        var (exit, stdout, stderr) = await RunAsync("chat", "--shop", "demo-store.myshopify.com", "a gift for my sister under $40");
        Assert.True(exit == 0, stderr);
        Assert.Contains("sister", stdout);
        Assert.Contains("/products/", stdout);
        var conversation = stderr.Split("conversation: ")[1][..36];

        var (jsonExit, json, jsonErr) = await RunAsync("chat", "--shop", "demo-store.myshopify.com", "--conversation", conversation, "--json", "something", "in", "green");
        Assert.True(jsonExit == 0, jsonErr);
        var reply = JsonDocument.Parse(json).RootElement;
        Assert.Equal(conversation, reply.GetProperty("conversationId").GetString());
        Assert.Equal(4, reply.GetProperty("seq").GetInt64());
        Assert.Equal("green", reply.GetProperty("reply").GetProperty("entities").GetProperty("colors").GetString());
        Assert.All(reply.GetProperty("reply").GetProperty("products").EnumerateArray(), p => Assert.True(p.GetProperty("price").GetDecimal() <= 40m));
    }

    [Fact]
    public async Task Chat_with_an_unknown_shop_fails_with_a_clear_message()
    {
        var (exit, _, stderr) = await RunAsync("chat", "--shop", "nobody.myshopify.com", "hello");
        Assert.NotEqual(0, exit);
        Assert.Contains("nobody.myshopify.com", stderr);
    }

    private Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args) => AppProcess.RunAsync(_data, args);

    public void Dispose() => _data.Dispose();
}
