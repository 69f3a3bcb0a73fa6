using ConversationalCommerce.Domain.Conversations;
using ConversationalCommerce.Engine.Context;
using ConversationalCommerce.Engine.Conversation;
using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Replies;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Engine.Tests.Conversation;

/// <summary>Order history and customer history as signals: bought-together suggestions and the customer's usual size.</summary>
[Collection(DemoConversationCollection.Name)]
public sealed class ContextSignalTests(DemoConversationApp app)
{
    private ITurnEngine Engine => app.Factory.Services.GetRequiredService<ITurnEngine>();

    [Fact]
    public async Task Adding_to_cart_suggests_what_the_orders_show_is_bought_together()
    {
        var stats = await app.Factory.Services.GetRequiredService<IPurchaseStatsSource>().GetAsync(app.ShopId, CancellationToken.None);
        var products = await app.ProductsAsync();
        var (productId, partners) = stats.BoughtTogether
            .Where(kv => products[kv.Key].IsPurchasable && products[kv.Key].Variants.Count(v => v.IsAvailable) == 1)
            .Select(kv => (kv.Key, kv.Value.Where(p => p.Orders >= 2 && products[p.ProductId].IsPurchasable).ToList()))
            .First(x => x.Item2.Count >= 2);
        var product = products[productId];
        var variant = product.Variants.Single(v => v.IsAvailable);
        var state = ConversationStateJson.Write(ConversationState.Empty with
        {
            Shown = [new ShownProduct(product.Id, variant.ShopifyId, product.Title, variant.Price)],
            FocusProductId = product.Id,
        });

        var outcome = await Engine.RespondAsync(new TurnContext(app.ShopId, Guid.NewGuid(), Channel.Widget, "add it to my cart", state, null, []), CancellationToken.None);

        var action = Assert.Single(outcome.Reply.Actions, a => a.Kind == ReplyActions.AddToCart);
        Assert.Equal(variant.ShopifyId.ToString(), action.Data["variantId"]);
        var suggested = outcome.Reply.Products.Skip(1).ToList();
        Assert.Equal(partners.Take(2).Select(p => p.ProductId), suggested.Select(c => c.ProductId));
        Assert.All(suggested.Zip(partners), x => Assert.Contains($"bought together in {x.Second.Orders} orders", x.First.Reasons));
    }

    [Fact]
    public async Task A_known_customer_is_shown_their_usual_size_when_in_stock()
    {
        var customers = app.Factory.Services.GetRequiredService<ICustomerProfileSource>();
        var products = await app.ProductsAsync();
        CustomerProfile? profile = null;
        foreach (var id in await app.CustomersAsync())
        {
            var candidate = await customers.GetAsync(app.ShopId, id, CancellationToken.None);
            if (candidate?.SizesByType.ContainsKey("Sweater") == true || candidate?.SizesByType.ContainsKey("T-Shirt") == true) { profile = candidate; break; }
        }
        Assert.NotNull(profile);
        var type = profile.SizesByType.ContainsKey("Sweater") ? "Sweater" : "T-Shirt";
        var usual = profile.SizesByType[type][0];

        var turn = await app.SayAsync(Guid.NewGuid(), type == "Sweater" ? "show me sweaters" : "show me t-shirts", customerId: profile.CustomerId);

        Assert.NotEmpty(turn.Reply.Products);
        foreach (var card in turn.Reply.Products.Where(c => c.ProductType == type))
        {
            var product = products[card.ProductId];
            var shown = product.Variants.Single(v => v.ShopifyId == card.SelectedVariantId);
            if (product.Variants.Any(v => v.IsAvailable && v.Option1 == usual))
            {
                Assert.Equal(usual, shown.Option1);
                Assert.Contains($"your usual size {usual}", card.Reasons);
            }
        }
    }
}
