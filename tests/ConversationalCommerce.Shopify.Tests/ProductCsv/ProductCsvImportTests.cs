using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Engine.Search;
using ConversationalCommerce.Shopify.ProductCsv;
using ConversationalCommerce.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConversationalCommerce.Shopify.Tests.ProductCsv;

public sealed class ProductCsvImportTests : IDisposable
{
    private const string Shop = "csv-shop.myshopify.com";
    private readonly AppFactory _app = new();

    // Columns in a different order than Shopify writes them, an unknown column, no Status column,
    // a quoted multi-line body with commas and doubled quotes, a three-row product with variants and a second image.
    private const string GoodCsv =
        "Title,Handle,Vendor,Body (HTML),Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Variant SKU,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Price,Variant Compare At Price,Image Src,Gift Card,Extra Column\n" +
        "Linen Shirt,linen-shirt,Acme,\"<p>Breathable linen,\nwith a \"\"relaxed\"\" fit.</p>\",Shirts,\"linen, summer\",true,Size,S,Color,Blue,LS-S-B,shopify,4,deny,49.00,59.00,https://cdn.example.com/ls1.jpg,false,x\n" +
        ",linen-shirt,,,,,,,M,,Blue,LS-M-B,shopify,0,deny,49.00,,https://cdn.example.com/ls2.jpg,,\n" +
        ",linen-shirt,,,,,,,L,,Green,LS-L-G,shopify,2,continue,52.50,,,,\n" +
        "Ceramic Mug,ceramic-mug,Potter & Co,<b>Mug</b>,Mugs,kitchen,false,Title,Default Title,,,MUG-1,,,,12,,,,\n";

    [Fact]
    public async Task Imports_multi_row_variants_quoted_html_and_any_column_order()
    {
        var result = await ImportAsync(GoodCsv);

        Assert.Empty(result.Errors);
        Assert.Equal(4, result.Rows);
        Assert.Equal(2, result.Created);
        var products = await ProductsAsync();
        var shirt = products.Single(p => p.Handle == "linen-shirt");
        Assert.Equal("Linen Shirt", shirt.Title);
        Assert.Equal("<p>Breathable linen,\nwith a \"relaxed\" fit.</p>", shirt.BodyHtml);
        Assert.Equal(["S / Blue", "M / Blue", "L / Green"], shirt.Variants.OrderBy(v => v.Position).Select(v => v.Title));
        var large = shirt.Variants.Single(v => v.Option1 == "L");
        Assert.Equal(52.50m, large.Price);
        Assert.Equal(InventoryPolicy.Continue, large.InventoryPolicy);
        Assert.False(shirt.Variants.Single(v => v.Option1 == "M").IsAvailable);
        Assert.Equal(59.00m, shirt.Variants.Single(v => v.Option1 == "S").CompareAtPrice);
        Assert.Equal(2, shirt.Images.Count);
        var mug = products.Single(p => p.Handle == "ceramic-mug");
        Assert.False(mug.Published);
        Assert.Equal("Potter & Co", mug.Vendor);
        Assert.True(mug.Variants.Single().IsAvailable); // not tracked: always available
    }

    [Fact]
    public async Task Bad_rows_are_reported_with_their_line_number_and_the_rest_is_imported()
    {
        var csv =
            "Handle,Title,Variant Price,Variant Inventory Qty,Status\n" +
            "good-one,Good One,10.00,3,active\n" +
            "bad-price,Bad Price,ten dollars,3,active\n" +
            ",No Handle,5,1,active\n" +
            "bad-qty,Bad Qty,5,many,active\n" +
            "bad-status,Bad Status,5,1,published\n" +
            "\"multi\nline\",Has a line break in the handle,5,1,active\n" +
            "good-two,Good Two,20.00,1,draft\n";

        var result = await ImportAsync(csv);

        Assert.Equal([3, 4, 5, 6, 7], result.Errors.Select(e => e.Line));
        Assert.Contains("Variant Price", result.Errors[0].Message);
        Assert.Contains("Handle", result.Errors[1].Message);
        Assert.Contains("Variant Inventory Qty", result.Errors[2].Message);
        Assert.Contains("Status", result.Errors[3].Message);
        var products = await ProductsAsync();
        Assert.Equal(["good-one", "good-two"], products.Select(p => p.Handle).Order());
        Assert.Equal(ProductStatus.Draft, products.Single(p => p.Handle == "good-two").Status);
    }

    [Fact]
    public async Task A_file_that_is_not_a_product_export_imports_nothing()
    {
        await Assert.ThrowsAsync<FormatException>(() => ImportAsync("Name,Price\nMug,12\n"));
        await Assert.ThrowsAsync<CsvFormatException>(() => ImportAsync("Handle,Title,Variant Price\nmug,\"Mug,12\n"));
        Assert.Empty(await ProductsAsync());
    }

    [Fact]
    public async Task Importing_again_updates_the_same_products_and_the_search_sees_the_change()
    {
        await ImportAsync(GoodCsv);
        var before = await ProductsAsync();

        var result = await ImportAsync(GoodCsv.Replace("Linen Shirt,", "Hemp Overshirt,"));

        Assert.Equal(0, result.Created);
        Assert.Equal(2, result.Updated);
        var after = await ProductsAsync();
        Assert.Equal(before.Select(p => p.Id).Order(), after.Select(p => p.Id).Order());
        Assert.Equal(4, after.Sum(p => p.Variants.Count));
        Assert.Equal("Hemp Overshirt", after.Single(p => p.Handle == "linen-shirt").Title);

        var search = _app.Services.GetRequiredService<ICatalogSearch>();
        await search.EnsureLoadedAsync(result.ShopId, CancellationToken.None);
        IReadOnlyList<SearchHit> hits = [];
        for (var i = 0; i < 50 && !hits.Any(h => h.Product.Handle == "linen-shirt"); i++)
        {
            hits = search.Search(result.ShopId, new SearchRequest("hemp overshirt"));
            if (hits.Count == 0) await Task.Delay(100);
        }
        Assert.Equal("linen-shirt", hits.First().Product.Handle);
    }

    [Fact]
    public async Task A_shop_domain_that_is_not_myshopify_is_refused()
    {
        var importer = _app.Services.GetRequiredService<ProductCsvImporter>();
        await Assert.ThrowsAsync<ArgumentException>(() =>
            importer.ImportAsync("evil.example.com/../x", new StringReader(GoodCsv), CancellationToken.None));
    }

    private Task<ProductCsvImportResult> ImportAsync(string csv) =>
        _app.Services.GetRequiredService<ProductCsvImporter>().ImportAsync(Shop, new StringReader(csv), CancellationToken.None);

    private async Task<List<Product>> ProductsAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var shop = await db.Shops.AsNoTracking().SingleOrDefaultAsync(s => s.Domain == Shop);
        if (shop is null) return [];
        scope.ServiceProvider.GetRequiredService<ShopScope>().Set(shop.Id);
        return await db.Products.AsNoTracking().Include(p => p.Variants).Include(p => p.Images).ToListAsync();
    }

    public void Dispose() => _app.Dispose();
}
