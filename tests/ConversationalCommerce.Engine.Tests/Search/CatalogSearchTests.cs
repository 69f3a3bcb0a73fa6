using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Engine.Search;
using static ConversationalCommerce.Engine.Tests.Search.ProductFactory;

namespace ConversationalCommerce.Engine.Tests.Search;

public sealed class CatalogSearchTests : IAsyncLifetime
{
    private SearchTestHost _host = null!;
    private Guid _shop;

    public async Task InitializeAsync()
    {
        _host = await SearchTestHost.StartAsync();
        _shop = await _host.AddShopAsync("search-a.myshopify.com");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<List<string>> Titles(string text, Func<SearchRequest, SearchRequest>? refine = null, Guid? shop = null)
    {
        var request = new SearchRequest(text);
        if (refine is not null) request = refine(request);
        var hits = await _host.SearchAsync(shop ?? _shop, request);
        return hits.Select(h => h.Product.Title).ToList();
    }

    [Fact]
    public async Task Plural_and_inflected_words_find_the_singular_title()
    {
        await _host.SaveAsync(_shop, Product("Ceramic Coffee Mug", "Drinkware"), Product("Leather Wallet", "Accessories"));
        Assert.Equal(["Ceramic Coffee Mug"], await Titles("coffee mugs"));
    }

    [Fact]
    public async Task Shopper_synonyms_reach_the_merchants_words()
    {
        await _host.SaveAsync(_shop,
            Product("Classic Cotton T-Shirt", "Shirts"),
            Product("Road Runner Trainers", "Shoes"),
            Product("Zip Hooded Sweatshirt", "Tops"),
            Product("Garden Hose", "Garden"));
        Assert.Equal(["Classic Cotton T-Shirt"], await Titles("tee"));
        Assert.Equal(["Classic Cotton T-Shirt"], await Titles("tshirt"));
        Assert.Equal(["Road Runner Trainers"], await Titles("sneakers"));
        Assert.Contains("Zip Hooded Sweatshirt", await Titles("hoodie"));
    }

    [Fact]
    public async Task A_misspelt_word_still_finds_the_product()
    {
        await _host.SaveAsync(_shop, Product("Wireless Headphones", "Audio"), Product("Desk Lamp", "Lighting"));
        Assert.Equal(["Wireless Headphones"], await Titles("wireles headphnes"));
    }

    [Fact]
    public async Task A_title_match_ranks_above_a_body_match()
    {
        await _host.SaveAsync(_shop,
            Product("Travel Pillow", "Travel", body: "<p>Pairs well with our scarf and a good book.</p>"),
            Product("Wool Scarf", "Accessories", body: "<p>Warm and soft.</p>"));
        Assert.Equal(["Wool Scarf", "Travel Pillow"], await Titles("scarf"));
    }

    [Fact]
    public async Task Sold_out_draft_archived_and_unpublished_products_are_never_returned()
    {
        await _host.SaveAsync(_shop,
            Product("Blue Candle In Stock", "Candles"),
            Product("Blue Candle Sold Out", "Candles", stock: 0),
            Product("Blue Candle Draft", "Candles", status: ProductStatus.Draft),
            Product("Blue Candle Archived", "Candles", status: ProductStatus.Archived),
            Product("Blue Candle Hidden", "Candles", published: false));
        Assert.Equal(["Blue Candle In Stock"], await Titles("blue candle"));
        Assert.Equal(5, (await Titles("blue candle", r => r with { PurchasableOnly = false })).Count);
    }

    [Fact]
    public async Task Untracked_and_continue_selling_variants_count_as_available()
    {
        var untracked = Product("Paper Notebook Untracked", "Stationery", stock: 0);
        untracked.Variants[0].InventoryTracked = false;
        var backorder = Product("Paper Notebook Backorder", "Stationery", stock: 0);
        backorder.Variants[0].InventoryPolicy = InventoryPolicy.Continue;
        await _host.SaveAsync(_shop, untracked, backorder);
        Assert.Equal(2, (await Titles("paper notebook")).Count);
    }

    [Fact]
    public async Task A_product_whose_only_in_budget_variant_is_sold_out_is_not_in_budget()
    {
        await _host.SaveAsync(_shop,
            WithOptions("Linen Shirt", "Shirts", ("White", "M", 25m, 0), ("White", "L", 60m, 4)),
            WithOptions("Oxford Shirt", "Shirts", ("Blue", "M", 28m, 3), ("Blue", "L", 70m, 3)));
        var hits = await _host.SearchAsync(_shop, new SearchRequest("shirt") { MaxPrice = 30m });
        var hit = Assert.Single(hits);
        Assert.Equal("Oxford Shirt", hit.Product.Title);
        Assert.Equal(28m, hit.BestVariant!.Price);
    }

    [Fact]
    public async Task Best_variant_is_the_requested_colour_and_size()
    {
        await _host.SaveAsync(_shop, WithOptions("Everyday Hoodie", "Hoodies",
            ("Black", "S", 40m, 3), ("Black", "M", 40m, 3), ("Navy Blue", "S", 40m, 3), ("Navy Blue", "M", 40m, 0), ("Navy Blue", "L", 40m, 2)));

        var hit = Assert.Single(await _host.SearchAsync(_shop, new SearchRequest("hoodie") { Colors = ["blue"], Sizes = ["Large"] }));
        Assert.Equal("Navy Blue / L", hit.BestVariant!.Title);

        // Navy in M is sold out: the product is not "available in navy M".
        Assert.Empty(await _host.SearchAsync(_shop, new SearchRequest("hoodie") { Colors = ["navy blue"], Sizes = ["M"] }));

        // Named in the text rather than as a filter, the colour still picks the variant.
        var fromText = Assert.Single(await _host.SearchAsync(_shop, new SearchRequest("navy hoodie")));
        Assert.StartsWith("Navy Blue", fromText.BestVariant!.Title);
    }

    [Fact]
    public async Task Empty_text_browses_by_category_and_price()
    {
        await _host.SaveAsync(_shop,
            Product("Ceramic Mug", "Mugs", price: 12m),
            Product("Travel Mug", "Mugs", price: 30m),
            Product("Tea Towel", "Kitchen", price: 8m));
        Assert.Equal(["Ceramic Mug", "Travel Mug"], (await Titles("", r => r with { Categories = ["mugs"] })).Order().ToList());
        Assert.Equal(["Ceramic Mug"], await Titles("", r => r with { Categories = ["Mug"], MaxPrice = 20m }));
        Assert.Equal(["Tea Towel"], await Titles("", r => r with { MaxPrice = 10m }));
    }

    [Fact]
    public async Task Tag_filter_keeps_only_tagged_products()
    {
        await _host.SaveAsync(_shop,
            Product("Gift Candle", "Candles", tags: "Gift, Home"),
            Product("Plain Candle", "Candles", tags: "Home"));
        Assert.Equal(["Gift Candle"], await Titles("candle", r => r with { Tags = ["gift"] }));
    }

    [Fact]
    public async Task One_shops_index_never_returns_another_shops_products()
    {
        var other = await _host.AddShopAsync("search-b.myshopify.com");
        await _host.SaveAsync(_shop, Product("Alpha Lamp", "Lighting"));
        await _host.SaveAsync(other, Product("Beta Lamp", "Lighting"));
        Assert.Equal(["Alpha Lamp"], await Titles("lamp"));
        Assert.Equal(["Beta Lamp"], await Titles("lamp", shop: other));
        Assert.DoesNotContain("beta", _host.Search.Vocabulary(_shop).ProductTypes.Concat(await Titles("", shop: _shop)).Select(s => s.ToLowerInvariant()).SelectMany(s => s.Split(' ')));
    }

    [Fact]
    public async Task A_changed_product_is_searchable_soon_after_the_notice()
    {
        var lamp = Product("Desk Lamp", "Lighting");
        await _host.SaveAsync(_shop, lamp);
        Assert.Equal(["Desk Lamp"], await Titles("lamp"));

        var vase = Product("Glass Vase", "Decor");
        await _host.SaveAsync(_shop, vase);
        _host.Notifier.ProductsChanged(_shop, [vase.Id]);
        await SearchTestHost.EventuallyAsync(() => _host.Search.Search(_shop, new SearchRequest("vase")).Count == 1);

        await _host.UpdateAsync(_shop, lamp.Id, p => p.Variants[0].InventoryQuantity = 0);
        _host.Notifier.ProductsChanged(_shop, [lamp.Id]);
        await SearchTestHost.EventuallyAsync(() => _host.Search.Search(_shop, new SearchRequest("lamp")).Count == 0);

        await _host.DeleteAsync(_shop, vase.Id);
        _host.Notifier.ProductsRemoved(_shop, [vase.Id]);
        await SearchTestHost.EventuallyAsync(() => _host.Search.Get(_shop, vase.Id) is null);
    }

    [Fact]
    public async Task A_shop_change_rebuilds_the_whole_index()
    {
        await _host.SaveAsync(_shop, Product("Desk Lamp", "Lighting"));
        Assert.Single(await Titles("lamp"));
        await _host.SaveAsync(_shop, Product("Floor Lamp", "Lighting"), Product("Wall Lamp", "Lighting"));
        _host.Notifier.ShopChanged(_shop);
        await SearchTestHost.EventuallyAsync(() => _host.Search.Search(_shop, new SearchRequest("lamp")).Count == 3);
    }

    [Fact]
    public async Task Vocabulary_lists_the_catalogs_own_words_lower_cased()
    {
        await _host.SaveAsync(_shop,
            WithOptions("Everyday Hoodie", "Hoodies", ("Forest Green", "XL", 40m, 3)),
            Product("Desk Lamp", "Lighting", tags: "Home Office", vendor: "Brightly"));
        await _host.Search.EnsureLoadedAsync(_shop, CancellationToken.None);
        var vocabulary = _host.Search.Vocabulary(_shop);
        Assert.Equal(["hoodies", "lighting"], vocabulary.ProductTypes.Order());
        Assert.Contains("brightly", vocabulary.Vendors);
        Assert.Equal(["forest green"], vocabulary.Colors);
        Assert.Equal(["xl"], vocabulary.Sizes);
        Assert.Equal(["home office"], vocabulary.Tags);
    }

    [Fact]
    public async Task A_catalog_larger_than_one_read_page_is_indexed_whole()
    {
        // The index reads the catalog a page (1,000 products) at a time: every page must arrive, none twice.
        var lanterns = Enumerable.Range(0, 2_345).Select(i => Product($"Lantern {i}", "Lighting")).ToArray();
        await _host.SaveAsync(_shop, lanterns);

        var hits = await _host.SearchAsync(_shop, new SearchRequest("lantern") { Limit = 5_000 });

        Assert.Equal(lanterns.Select(p => p.Id).Order(), hits.Select(h => h.Product.Id).Order());
        Assert.All(lanterns, p => Assert.Single(_host.Search.Get(_shop, p.Id)!.Variants));
    }

    [Fact]
    public async Task Collection_titles_filter_by_category_and_a_found_product_carries_its_variants_and_images()
    {
        var collection = new Collection { ShopId = _shop, ShopifyId = 77, Handle = "campfire-nights", Title = "Campfire Nights" };
        var mug = WithOptions("Enamel Mug", "Drinkware", ("Red", "S", 12m, 4), ("Blue", "L", 14m, 4));
        mug.Variants.Reverse();
        mug.Images.Add(new ProductImage { ShopId = _shop, ProductId = mug.Id, Src = "https://cdn.example.test/mug-2.jpg", Position = 2 });
        mug.Images.Add(new ProductImage { ShopId = _shop, ProductId = mug.Id, Src = "https://cdn.example.test/mug-1.jpg", AltText = "Red enamel mug", Position = 1 });
        mug.Collections.Add(new ProductCollection { ShopId = _shop, ProductId = mug.Id, CollectionId = collection.Id, Collection = collection });
        await _host.SaveAsync(_shop, mug, Product("Ceramic Mug", "Drinkware"));

        Assert.Equal(["Enamel Mug"], await Titles("", r => r with { Categories = ["campfire nights"] }));
        Assert.Equal("Enamel Mug", (await Titles("campfire mug"))[0]);
        var found = _host.Search.Get(_shop, mug.Id)!;
        Assert.Equal(["Red", "Blue"], found.Variants.Select(v => v.Option1));
        Assert.Equal(["https://cdn.example.test/mug-1.jpg", "https://cdn.example.test/mug-2.jpg"], found.Images.Select(i => i.Src));
        Assert.Equal("Red enamel mug", found.Images[0].AltText);
    }
}
