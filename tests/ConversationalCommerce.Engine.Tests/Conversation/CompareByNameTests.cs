using ConversationalCommerce.Engine.Intents;

namespace ConversationalCommerce.Engine.Tests.Conversation;

/// <summary>Products can be compared by name, without searching for them first.</summary>
[Collection(DemoConversationCollection.Name)]
public sealed class CompareByNameTests(DemoConversationApp app)
{
    [Fact]
    public async Task Two_products_named_in_one_message_are_compared_side_by_side()
    {
        var reply = (await app.ChatAsync("compare the hand cream and the face serum"))[0].Reply;

        Assert.Equal(CommerceIntents.Compare, reply.Intent);
        Assert.Equal(2, reply.Products.Count);
        Assert.Equal(["Hand Cream", "Serum"], reply.Products.Select(p => p.ProductType).Order().ToArray());
        Assert.All(reply.Products, p => Assert.Contains(p.Title, reply.Text));
    }

    [Fact]
    public async Task Names_pick_the_named_products_even_when_a_list_was_shown()
    {
        var turns = await app.ChatAsync("show me scarves", "what's the difference between the camp headlamp and the kids adventure headlamp");

        var titles = turns[1].Reply.Products.Select(p => p.Title).ToList();
        Assert.Equal(2, titles.Count);
        Assert.All(titles, t => Assert.Contains("Headlamp", t));
        Assert.Contains(titles, t => t.Contains("Kids", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pointing_at_shown_products_is_not_read_as_names()
    {
        var turns = await app.ChatAsync("show me scarves", "compare the first and the last one");

        Assert.Equal([turns[0].Reply.Products[0].ProductId, turns[0].Reply.Products[^1].ProductId], turns[1].Reply.Products.Select(p => p.ProductId).ToArray());
    }
}
