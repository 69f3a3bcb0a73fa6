using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Shops;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.App.DemoStore;

/// <summary>
/// The demo shop's storefront: the page at / with the chat widget embedded exactly as the theme app extension does
/// (same script, same data attributes), and the part of Shopify's AJAX Cart API the widget uses, answering like
/// Shopify and recording every call in memory so tests can read them at /api/demo/cart.
/// </summary>
public static class DemoStorefrontApi
{
    public const string PageTemplate = "demo/storefront.html";
    private const string WidgetKeyPlaceholder = "__WIDGET_KEY__";

    public static IHostApplicationBuilder AddDemoStorefront(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DemoCart>();
        return builder;
    }

    public static IEndpointRouteBuilder MapDemoStorefrontApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", GetStorefront).ExcludeFromDescription();
        app.MapGet("/products/{handle}", (string handle) => TypedResults.Redirect($"/?product={Uri.EscapeDataString(handle)}"))
            .ExcludeFromDescription();
        var cart = app.MapGroup("").WithTags("Demo store");
        cart.MapPost("/cart/add.js", AddToCart).WithName("DemoCartAdd")
            .WithSummary("Shopify AJAX Cart API add, for the demo storefront: {items:[{id, quantity}]} answers the added lines.");
        cart.MapGet("/cart.js", GetCart).WithName("DemoCartGet").WithSummary("The demo cart in Shopify's cart.js shape.");
        cart.MapGet("/api/demo/cart", GetRecordedCalls).WithName("DemoCartCalls").WithSummary("Every /cart/add.js call received, for tests.");
        cart.MapDelete("/api/demo/cart", ClearCart).WithName("DemoCartClear").WithSummary("Empties the demo cart and its call log.");
        return app;
    }

    internal static async Task<Results<ContentHttpResult, NotFound>> GetStorefront(
        HttpContext http, IWebHostEnvironment env, AppDbContext db, CancellationToken ct)
    {
        var file = env.WebRootFileProvider.GetFileInfo(PageTemplate);
        if (!file.Exists) return TypedResults.NotFound();
        string template;
        await using (var stream = file.CreateReadStream())
        using (var reader = new StreamReader(stream))
            template = await reader.ReadToEndAsync(ct);
        var widgetKey = await db.Shops.AsNoTracking().Where(s => s.Domain == Shop.DemoDomain)
            .Select(s => s.WidgetKey).FirstOrDefaultAsync(ct) ?? "";
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Content(template.Replace(WidgetKeyPlaceholder, HtmlEncoder.Default.Encode(widgetKey)), "text/html; charset=utf-8");
    }

    /// <summary>Shopify accepts {items:[{id, quantity}]} or a single {id, quantity}.</summary>
    public sealed record AddRequest(List<AddRequestItem>? Items, long? Id, int? Quantity)
    {
        public List<AddRequestItem>? AllItems => Items is { Count: > 0 } ? Items : Id is { } id ? [new AddRequestItem(id, Quantity)] : null;
    }
    public sealed record AddRequestItem(long Id, int? Quantity);

    /// <summary>Shopify's error body for the cart API: {status, message, description}.</summary>
    public sealed record CartError(
        [property: JsonPropertyName("status")] object Status,
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("description")] string Description);

    internal static async Task<IResult> AddToCart(
        HttpRequest request, AppDbContext db, ShopScope scope, DemoCart cart, ILoggerFactory loggers, CancellationToken ct)
    {
        var log = loggers.CreateLogger(typeof(DemoStorefrontApi));
        AddRequest? body = null;
        try
        {
            if (request.HasJsonContentType())
                body = await request.ReadFromJsonAsync<AddRequest>(ct);
            else if (request.HasFormContentType)
            {
                // A theme's plain product form posts id and quantity form-encoded.
                var form = await request.ReadFormAsync(ct);
                if (long.TryParse(form["id"], NumberStyles.None, CultureInfo.InvariantCulture, out var formId))
                    body = new AddRequest(null, formId, int.TryParse(form["quantity"], NumberStyles.None, CultureInfo.InvariantCulture, out var q) ? q : null);
            }
        }
        catch (JsonException ex)
        {
            log.LogInformation("Demo cart add refused: malformed JSON ({Reason})", ex.Message);
        }
        if (body?.AllItems is not { Count: > 0 } items || items.Any(i => i.Id <= 0 || i.Quantity is <= 0))
        {
            return TypedResults.BadRequest(new CartError("bad_request", "Parameter Missing or Invalid", "Required parameter missing or invalid: items"));
        }

        var shopId = await db.Shops.AsNoTracking().Where(s => s.Domain == Shop.DemoDomain).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        if (shopId is null) return TypedResults.NotFound(new CartError(404, "Cart Error", "The demo store is not installed"));
        scope.Set(shopId.Value);

        var ids = items.Select(i => i.Id).Distinct().ToList();
        var variants = await db.Variants.AsNoTracking().Where(v => ids.Contains(v.ShopifyId))
            .Join(db.Products.AsNoTracking(), v => v.ProductId, p => p.Id, (v, p) => new { Variant = v, Product = p })
            .ToListAsync(ct);
        var lines = new List<DemoCartLine>();
        foreach (var item in items)
        {
            var found = variants.FirstOrDefault(x => x.Variant.ShopifyId == item.Id);
            if (found is null)
                return TypedResults.UnprocessableEntity(new CartError(422, "Cart Error", "Cannot find variant"));
            if (!found.Variant.IsAvailable || !found.Product.IsPurchasableStatus())
                return TypedResults.UnprocessableEntity(new CartError(422, "Cart Error", $"The product '{found.Product.Title}' is already sold out."));
            lines.Add(DemoCartLine.From(found.Product, found.Variant, item.Quantity ?? 1));
        }
        cart.Add(items.Select(i => new DemoCartCall(i.Id, i.Quantity ?? 1)).ToList(), lines);
        log.LogInformation("Demo cart add: {Lines} line(s)", lines.Count);
        return TypedResults.Ok(new { items = lines });
    }

    internal static Ok<DemoCartView> GetCart(DemoCart cart) => TypedResults.Ok(cart.View());

    internal static Ok<DemoCartCalls> GetRecordedCalls(DemoCart cart) => TypedResults.Ok(cart.Calls());

    internal static NoContent ClearCart(DemoCart cart)
    {
        cart.Clear();
        return TypedResults.NoContent();
    }

    private static bool IsPurchasableStatus(this Domain.Catalog.Product product) =>
        product.Status == Domain.Catalog.ProductStatus.Active && product.Published;
}

/// <summary>One line as Shopify's AJAX API describes it (prices in cents, snake_case).</summary>
public sealed record DemoCartLine(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("variant_id")] long VariantId,
    [property: JsonPropertyName("product_id")] long ProductId,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("quantity")] int Quantity,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("product_title")] string ProductTitle,
    [property: JsonPropertyName("variant_title")] string? VariantTitle,
    [property: JsonPropertyName("price")] long Price,
    [property: JsonPropertyName("original_price")] long OriginalPrice,
    [property: JsonPropertyName("final_price")] long FinalPrice,
    [property: JsonPropertyName("line_price")] long LinePrice,
    [property: JsonPropertyName("final_line_price")] long FinalLinePrice,
    [property: JsonPropertyName("sku")] string? Sku,
    [property: JsonPropertyName("vendor")] string Vendor,
    [property: JsonPropertyName("product_type")] string ProductType,
    [property: JsonPropertyName("handle")] string Handle,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("image")] string Image,
    [property: JsonPropertyName("variant_options")] IReadOnlyList<string> VariantOptions,
    [property: JsonPropertyName("requires_shipping")] bool RequiresShipping,
    [property: JsonPropertyName("taxable")] bool Taxable,
    [property: JsonPropertyName("gift_card")] bool GiftCard)
{
    public static DemoCartLine From(Domain.Catalog.Product product, Domain.Catalog.ProductVariant variant, int quantity)
    {
        var cents = ToCents(variant.Price);
        var options = new[] { variant.Option1, variant.Option2, variant.Option3 }.OfType<string>().ToList();
        var defaultOnly = variant.Title == "Default Title";
        var color = ColorOf(product, variant);
        return new DemoCartLine(
            variant.ShopifyId, variant.ShopifyId, product.ShopifyId, $"{variant.ShopifyId}:demo", quantity,
            defaultOnly ? product.Title : $"{product.Title} - {variant.Title}", product.Title, defaultOnly ? null : variant.Title,
            cents, cents, cents, cents * quantity, cents * quantity, variant.Sku, product.Vendor, product.ProductType, product.Handle,
            $"/products/{product.Handle}?variant={variant.ShopifyId.ToString(CultureInfo.InvariantCulture)}",
            DemoAssetsApi.ImagePath(product.Handle, color), options, true, true, false);
    }

    public DemoCartLine WithQuantity(int quantity) =>
        this with { Quantity = quantity, LinePrice = Price * quantity, FinalLinePrice = FinalPrice * quantity };

    private static long ToCents(decimal amount) => (long)Math.Round(amount * 100m, MidpointRounding.AwayFromZero);

    private static string? ColorOf(Domain.Catalog.Product product, Domain.Catalog.ProductVariant variant) =>
        product.Option1Name == "Color" ? variant.Option1 : product.Option2Name == "Color" ? variant.Option2 :
        product.Option3Name == "Color" ? variant.Option3 : null;
}

public sealed record DemoCartCall(long Id, int Quantity);

public sealed record DemoCartCallRecord(DateTimeOffset At, IReadOnlyList<DemoCartCall> Items);

public sealed record DemoCartCalls(IReadOnlyList<DemoCartCallRecord> Calls, IReadOnlyList<DemoCartLine> Items);

public sealed record DemoCartView(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("item_count")] int ItemCount,
    [property: JsonPropertyName("total_price")] long TotalPrice,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("items")] IReadOnlyList<DemoCartLine> Items);

/// <summary>The demo storefront's single cart, in memory: the demo has one shopper at a time (the person or the test).</summary>
public sealed class DemoCart(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<DemoCartLine> _lines = [];
    private readonly List<DemoCartCallRecord> _calls = [];

    public void Add(IReadOnlyList<DemoCartCall> call, IReadOnlyList<DemoCartLine> added)
    {
        lock (_gate)
        {
            _calls.Add(new DemoCartCallRecord(time.GetUtcNow(), call));
            foreach (var line in added)
            {
                var index = _lines.FindIndex(l => l.VariantId == line.VariantId);
                if (index < 0) _lines.Add(line);
                else _lines[index] = _lines[index].WithQuantity(_lines[index].Quantity + line.Quantity);
            }
        }
    }

    public DemoCartView View()
    {
        lock (_gate)
            return new DemoCartView("demo", _lines.Sum(l => l.Quantity), _lines.Sum(l => l.FinalLinePrice), "USD", _lines.ToList());
    }

    public DemoCartCalls Calls()
    {
        lock (_gate)
            return new DemoCartCalls(_calls.ToList(), _lines.ToList());
    }

    public void Clear()
    {
        lock (_gate)
        {
            _lines.Clear();
            _calls.Clear();
        }
    }
}
