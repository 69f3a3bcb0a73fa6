namespace ConversationalCommerce.Engine.Tests.Conversation;

/// <summary>
/// Department words ("jewelry", "toys", "clothes") show the range of the shop's kinds within the department, not the
/// few products that happen to carry the word in their title, nor products whose description mentions a cloth.
/// </summary>
[Collection(DemoConversationCollection.Name)]
public sealed class DepartmentSearchTests(DemoConversationApp app)
{
    [Theory]
    [InlineData("show me jewelry", "jewelry", new[] { "Ring", "Necklace", "Earrings", "Bracelet", "Cufflinks", "Watch", "Gift Box" })]
    [InlineData("toys", "toys", new[] { "Plush", "Puzzle", "Board Game", "Card Game", "Building Blocks", "Craft Kit" })]
    [InlineData("clothes", "clothing", new[] { "T-Shirt", "Sweater", "Pajamas", "Socks", "Hat", "Scarf", "Shoes" })]
    public async Task A_department_shows_several_kinds_of_it_first(string text, string said, string[] kinds)
    {
        var reply = (await app.ChatAsync(text))[0].Reply;

        Assert.Contains(said, reply.Text);
        Assert.Equal(4, reply.Products.Count);
        Assert.All(reply.Products, c => Assert.Contains(c.ProductType, kinds));
        Assert.True(reply.Products.Select(c => c.ProductType).Distinct().Count() >= 3,
            string.Join(", ", reply.Products.Select(c => c.ProductType)));
    }

    [Fact]
    public async Task A_department_gift_shows_its_kinds_within_budget_not_products_that_only_name_a_kind()
    {
        var reply = (await app.ChatAsync("jewelry for my wife under 80 dollars"))[0].Reply;
        string[] kinds = ["Ring", "Necklace", "Earrings", "Bracelet", "Cufflinks", "Watch"];

        Assert.Equal(4, reply.Products.Count);
        Assert.All(reply.Products, c => Assert.Contains(c.ProductType, kinds));
        Assert.All(reply.Products, c => Assert.True(c.Price <= 80m, $"{c.Title} {c.Price}"));
    }

    [Fact]
    public async Task A_refinement_keeps_the_department_and_more_pages_through_it_without_repeats()
    {
        var turns = await app.ChatAsync("jewelry", "under $60", "show me more");

        Assert.All(turns[1].Reply.Products, c => Assert.True(c.Price <= 60m, $"{c.Title} {c.Price}"));
        Assert.NotEmpty(turns[2].Reply.Products);
        Assert.Empty(turns[1].Reply.Products.Select(c => c.ProductId).Intersect(turns[2].Reply.Products.Select(c => c.ProductId)));
        Assert.All(turns[2].Reply.Products, c => Assert.True(c.Price <= 60m, $"{c.Title} {c.Price}"));
    }
}
