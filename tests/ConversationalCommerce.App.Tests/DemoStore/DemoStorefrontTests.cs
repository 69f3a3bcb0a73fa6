using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Domain.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.App.Tests.DemoStore;

/// <summary>The demo storefront page and its Shopify-shaped cart endpoints, through real HTTP on the seeded app.</summary>
public sealed class DemoStorefrontTests(SeededDemoApp app) : IClassFixture<SeededDemoApp>, IAsyncLifetime
{
    public async Task InitializeAsync() => (await app.Client.DeleteAsync("/api/demo/cart")).EnsureSuccessStatusCode();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Home_page_embeds_the_widget_like_the_app_embed_with_the_demo_shop_key()
    {
        var response = await app.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();

        var key = await WithDb(db => db.Shops.Where(s => s.Domain == Shop.DemoDomain).Select(s => s.WidgetKey).SingleAsync());
        Assert.Contains("src=\"/widget/chat-widget.js\"", html);
        Assert.Contains($"data-widget-key=\"{key}\"", html);
        Assert.DoesNotContain("__WIDGET_KEY__", html);

        var bundle = await app.Client.GetAsync("/widget/chat-widget.js");
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Contains("javascript", bundle.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Cart_add_answers_the_added_line_like_Shopify_and_is_recorded_for_tests()
    {
        var variant = await AvailableVariant();

        var response = await PostJson("/cart/add.js", $$"""{"items":[{"id":{{variant.ShopifyId}},"quantity":2}]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var added = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var line = Assert.Single(added.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(variant.ShopifyId, line.GetProperty("variant_id").GetInt64());
        Assert.Equal(2, line.GetProperty("quantity").GetInt32());
        Assert.Equal((long)(variant.Price * 100), line.GetProperty("price").GetInt64());
        Assert.Equal((long)(variant.Price * 200), line.GetProperty("line_price").GetInt64());
        Assert.StartsWith("/products/", line.GetProperty("url").GetString());

        await PostJson("/cart/add.js", $$"""{"id":{{variant.ShopifyId}},"quantity":1}""");

        using var calls = JsonDocument.Parse(await app.Client.GetStringAsync("/api/demo/cart"));
        var recorded = calls.RootElement.GetProperty("calls").EnumerateArray()
            .Select(c => c.GetProperty("items")[0]).Select(i => (i.GetProperty("id").GetInt64(), i.GetProperty("quantity").GetInt32())).ToList();
        Assert.Equal([(variant.ShopifyId, 2), (variant.ShopifyId, 1)], recorded);

        using var cart = JsonDocument.Parse(await app.Client.GetStringAsync("/cart.js"));
        Assert.Equal(3, cart.RootElement.GetProperty("item_count").GetInt32());
        Assert.Equal((long)(variant.Price * 300), cart.RootElement.GetProperty("total_price").GetInt64());
    }

    [Fact]
    public async Task Unknown_or_sold_out_variant_gets_Shopifys_422_cart_error_and_is_not_added()
    {
        var unknown = await PostJson("/cart/add.js", """{"items":[{"id":1,"quantity":1}]}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        var error = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Cart Error", error.GetProperty("message").GetString());
        Assert.Equal("Cannot find variant", error.GetProperty("description").GetString());

        var soldOut = await SoldOutVariant();
        var refused = await PostJson("/cart/add.js", $$"""{"items":[{"id":{{soldOut.ShopifyId}},"quantity":1}]}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("sold out", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("description").GetString());

        using var cart = JsonDocument.Parse(await app.Client.GetStringAsync("/api/demo/cart"));
        Assert.Empty(cart.RootElement.GetProperty("calls").EnumerateArray());
    }

    [Theory]
    [InlineData("""{"items":[]}""")]
    [InlineData("""{"items":[{"id":123,"quantity":0}]}""")]
    [InlineData("""{not json""")]
    public async Task Malformed_cart_add_is_a_400_with_Shopifys_reason(string body)
    {
        var response = await PostJson("/cart/add.js", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Required parameter missing or invalid: items", error.GetProperty("description").GetString());
    }

    private Task<HttpResponseMessage> PostJson(string path, string json) =>
        app.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private Task<ProductVariant> AvailableVariant() => WithDb(db => db.Variants.AsNoTracking()
        .Where(v => v.InventoryQuantity > 5 && v.InventoryPolicy == InventoryPolicy.Deny)
        .OrderBy(v => v.ShopifyId).FirstAsync());

    /// <summary>A variant made sold out for this test: tracked, deny policy, nothing on hand.</summary>
    private Task<ProductVariant> SoldOutVariant() => WithDb(async db =>
    {
        var variant = await db.Variants.OrderByDescending(v => v.ShopifyId).FirstAsync();
        variant.InventoryTracked = true;
        variant.InventoryPolicy = InventoryPolicy.Deny;
        variant.InventoryQuantity = 0;
        await db.SaveChangesAsync();
        return variant;
    });

    private async Task<T> WithDb<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shopId = await db.Shops.AsNoTracking().Where(s => s.Domain == Shop.DemoDomain).Select(s => s.Id).SingleAsync();
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shopId);
        return await work(db);
    }
}
