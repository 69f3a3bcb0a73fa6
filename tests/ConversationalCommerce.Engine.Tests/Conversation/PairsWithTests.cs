using System.Text.RegularExpressions;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Engine.Tests.Conversation;

/// <summary>"What goes well with it?" is answered from the shop's own orders, with the count that justifies each pick.</summary>
[Collection(DemoConversationCollection.Name)]
public sealed partial class PairsWithTests(DemoConversationApp app)
{
    [Fact]
    public async Task What_goes_with_a_shown_product_is_what_its_orders_pair_it_with_and_the_count_is_the_real_one()
    {
        var turns = await app.ChatAsync("show me scarves", "what goes well with the first one?");
        var products = await app.ProductsAsync();
        var scarf = products[turns[0].Reply.Products[0].ProductId];
        var reply = turns[1].Reply;

        Assert.Equal(CommerceIntents.PairsWith, reply.Intent);
        Assert.Contains(scarf.Title, reply.Text);
        Assert.NotEmpty(reply.Products);
        var orders = await OrderedProductSetsAsync();
        foreach (var card in reply.Products)
        {
            var partner = products[card.ProductId];
            var claimed = int.Parse(BoughtTogether().Match(string.Join(";", card.Reasons)).Groups[1].Value);
            var actual = orders.Count(o => o.Contains(scarf.ShopifyId) && o.Contains(partner.ShopifyId));
            Assert.True(claimed >= 2, card.Title);
            Assert.Equal(actual, claimed);
            Assert.True(card.Available);
        }
    }

    [Fact]
    public async Task A_kind_named_without_a_list_uses_the_closest_product_of_that_kind_the_orders_pair()
    {
        var reply = (await app.ChatAsync("what goes well with the wool scarf?"))[0].Reply;

        Assert.Equal(CommerceIntents.PairsWith, reply.Intent);
        Assert.Matches("Scarf often added|with the [^:]*Scarf:", reply.Text);
        Assert.NotEmpty(reply.Products);
        Assert.All(reply.Products, c => Assert.Contains(c.Reasons, r => BoughtTogether().IsMatch(r)));
    }

    [Fact]
    public async Task The_list_it_shows_is_what_the_next_turn_refers_to()
    {
        var turns = await app.ChatAsync("show me scarves", "what goes well with the first one?", "add the first one to my cart");

        var added = turns[2].Reply.Actions.Single(a => a.Kind == ReplyActions.AddToCart);
        Assert.Equal(turns[1].Reply.Products[0].ShopifyId.ToString(System.Globalization.CultureInfo.InvariantCulture), added.Data["productId"]);
    }

    [Theory]
    [InlineData("what would go nicely with the sweater?")]
    [InlineData("customers who bought this also bought?")]
    [InlineData("anything to go with the mug")]
    public void Paraphrases_are_read_as_pairs_with(string text)
    {
        var prediction = app.Factory.Services.GetRequiredService<IIntentDetector>().Detect(app.ShopId, text);
        Assert.Equal(CommerceIntents.PairsWith, prediction.Intent);
    }

    private async Task<List<HashSet<long>>> OrderedProductSetsAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(app.ShopId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var since = DateTimeOffset.UtcNow.AddDays(-365);
        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).ToListAsync();
        return orders.Where(o => o.CancelledAt == null && o.CreatedAt >= since)
            .Select(o => o.Lines.Where(l => l.ProductShopifyId != null).Select(l => l.ProductShopifyId!.Value).ToHashSet()).ToList();
    }

    [GeneratedRegex(@"bought together in (\d+) orders")]
    private static partial Regex BoughtTogether();
}
