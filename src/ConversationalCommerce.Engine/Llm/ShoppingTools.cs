using System.ComponentModel;
using System.Globalization;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Engine.Replies;
using ConversationalCommerce.Engine.Search;
using Microsoft.SemanticKernel;

namespace ConversationalCommerce.Engine.Llm;

/// <summary>
/// The shop's services as kernel functions for one turn. The shop is fixed by the turn, never by the model: every
/// call reads this shop's index only. Results are JSON the model reads; products returned are recorded in the
/// ledger, which is where the reply's product cards come from.
/// </summary>
public sealed class ShoppingTools(Guid shopId, string currency, ICatalogSearch catalog, TurnToolLedger ledger)
{
    public const string PluginName = "shop";
    private const int MaxResults = 6;

    [KernelFunction("search_products")]
    [Description("Searches the shop's catalog. Returns up to 6 products that can be bought now, best match first, with id, title, price and a short summary.")]
    public string SearchProducts(
        [Description("What the shopper is looking for, in their words, e.g. 'wireless headphones' or 'silver necklace'.")] string query,
        [Description("Highest price in the shop's currency, if the shopper gave a budget.")] decimal? maxPrice = null,
        [Description("Lowest price, if the shopper asked for something above a price.")] decimal? minPrice = null,
        [Description("A product type or category named by the shopper, e.g. 'Jewellery'.")] string? category = null,
        [Description("A colour the shopper wants.")] string? color = null,
        [Description("A size the shopper wants, e.g. 'M' or '10'.")] string? size = null)
    {
        ledger.Called("search_products");
        var request = new SearchRequest(query ?? "")
        {
            MaxPrice = maxPrice,
            MinPrice = minPrice,
            Categories = OneOrNone(category),
            Colors = OneOrNone(color),
            Sizes = OneOrNone(size),
            Limit = MaxResults,
        };
        var hits = catalog.Search(shopId, request);
        ledger.Returned(hits.Select(h => (h.Product, h.BestVariant)));
        return ToolViews.Serialize(new
        {
            products = hits.Select(h => ToolViews.Summary(h.Product, h.BestVariant, currency)),
            note = hits.Count == 0 ? "No product in this shop matches; say so and suggest a broader search." : null,
        });
    }

    [KernelFunction("get_product")]
    [Description("Gets one product's full details: description, options and every variant with its id, price and availability.")]
    public string GetProduct([Description("The product id from a previous tool result.")] string productId)
    {
        ledger.Called("get_product");
        if (Find(productId) is not { } product) return NotFound(productId);
        ledger.Returned([(product, null)]);
        return ToolViews.Serialize(ToolViews.Details(product, currency));
    }

    [KernelFunction("compare_products")]
    [Description("Puts two to four products side by side (price, vendor, type, options, availability, description) so you can compare them.")]
    public string CompareProducts([Description("Two to four product ids from previous tool results.")] string[] productIds)
    {
        ledger.Called("compare_products");
        var products = (productIds ?? []).Take(4).Select(Find).OfType<Product>().DistinctBy(p => p.Id).ToList();
        if (products.Count < 2)
            return ToolViews.Serialize(new ToolError("Give at least two product ids of this shop from earlier results."));
        ledger.Returned(products.Select(p => (p, (ProductVariant?)null)));
        return ToolViews.Serialize(new { products = products.Select(p => ToolViews.Details(p, currency)) });
    }

    [KernelFunction("recommend_gifts")]
    [Description("Suggests gifts from the catalog for a recipient, occasion, interests and budget. Returns up to 6 products that can be bought now.")]
    public string RecommendGifts(
        [Description("Who the gift is for, e.g. 'mom', 'coworker', 'boyfriend'.")] string? recipient = null,
        [Description("The occasion, e.g. 'birthday', 'anniversary'.")] string? occasion = null,
        [Description("What the recipient likes, e.g. 'gardening, coffee'.")] string? interests = null,
        [Description("Highest price in the shop's currency.")] decimal? maxBudget = null)
    {
        ledger.Called("recommend_gifts");
        var text = string.Join(' ', new[] { interests, recipient, occasion, "gift" }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var hits = catalog.Search(shopId, new SearchRequest(text) { MaxPrice = maxBudget, Limit = MaxResults });
        ledger.Returned(hits.Select(h => (h.Product, h.BestVariant)));
        return ToolViews.Serialize(new
        {
            products = hits.Select(h => ToolViews.Summary(h.Product, h.BestVariant, currency)),
            note = hits.Count == 0 ? "Nothing in this shop fits; ask about other interests or a different budget." : null,
        });
    }

    [KernelFunction("add_to_cart")]
    [Description("Puts a product in the shopper's cart. Only call it when the shopper asked to add or buy it. If the product has several variants, pass the variant id the shopper chose.")]
    public string AddToCart(
        [Description("The product id from a previous tool result.")] string productId,
        [Description("The chosen variant id from get_product, when the product has several variants.")] long? variantId = null,
        [Description("How many, 1 to 20.")] int quantity = 1)
    {
        ledger.Called("add_to_cart");
        if (Find(productId) is not { } product) return NotFound(productId);
        if (quantity is < 1 or > 20) return ToolViews.Serialize(new ToolError("Quantity must be between 1 and 20."));

        var available = product.Variants.Where(v => v.IsAvailable).ToList();
        ProductVariant? variant;
        if (variantId is { } id)
        {
            variant = product.Variants.FirstOrDefault(v => v.ShopifyId == id);
            if (variant is null) return ToolViews.Serialize(new ToolError($"Variant {id} is not a variant of {product.Title}."));
            if (!variant.IsAvailable) return ToolViews.Serialize(new ToolError($"{product.Title} ({variant.Title}) is sold out."));
        }
        else if (available.Count == 1) variant = available[0];
        else if (available.Count == 0) return ToolViews.Serialize(new ToolError($"{product.Title} is sold out."));
        else
            return ToolViews.Serialize(new
            {
                error = "Several variants: ask the shopper which one, then call add_to_cart with its variantId.",
                variants = available.Select(v => new VariantView(v.ShopifyId, v.Title, v.Price, v.IsOnSale ? v.CompareAtPrice : null, true)),
            });

        if (!product.IsPurchasable) return ToolViews.Serialize(new ToolError($"{product.Title} cannot be bought right now."));
        ledger.Returned([(product, variant)]);
        ledger.Act(new ReplyAction(AddToCartAction, new Dictionary<string, string>
        {
            ["variantId"] = variant.ShopifyId.ToString(CultureInfo.InvariantCulture),
            ["productId"] = product.ShopifyId.ToString(CultureInfo.InvariantCulture),
            ["quantity"] = quantity.ToString(CultureInfo.InvariantCulture),
        }));
        return ToolViews.Serialize(new
        {
            added = true,
            product = product.Title,
            variant = variant.Title,
            variant.Price,
            quantity,
            currency,
            note = "The shopper's cart will show it; do not claim checkout happened.",
        });
    }

    /// <summary>The channel-neutral action the widget and the other channels act on.</summary>
    public const string AddToCartAction = "add_to_cart";

    private Product? Find(string? productId) =>
        Guid.TryParse(productId, out var id) ? catalog.Get(shopId, id) : null;

    private static string NotFound(string? productId) =>
        ToolViews.Serialize(new ToolError($"No product with id '{productId}' in this shop. Use ids from search results."));

    private static IReadOnlyList<string> OneOrNone(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : [value.Trim()];
}
