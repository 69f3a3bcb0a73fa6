using System.ComponentModel;
using System.Globalization;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Engine.Context;
using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Entities;
using ConversationalCommerce.Engine.Recommendations;
using ConversationalCommerce.Engine.Replies;
using ConversationalCommerce.Engine.Search;
using Microsoft.SemanticKernel;

namespace ConversationalCommerce.Engine.Llm;

/// <summary>
/// The shop's services as kernel functions for one turn. The shop and the customer are fixed by the turn, never by
/// the model: every call reads this shop's data and this customer's orders only. Results are JSON the model reads;
/// products returned are recorded in the ledger, which is where the reply's product cards come from.
/// </summary>
public sealed class ShoppingTools(ShopProfile shop, Guid? customerId, ToolServices services, TurnToolLedger ledger)
{
    public const string PluginName = "shop";
    private const int MaxResults = 6;

    private Guid ShopId => shop.ShopId;

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
        var hits = services.Catalog.Search(ShopId, new SearchRequest(query ?? "")
        {
            MaxPrice = maxPrice,
            MinPrice = minPrice,
            Categories = OneOrNone(category),
            Colors = OneOrNone(color),
            Sizes = OneOrNone(size),
            Limit = MaxResults,
        });
        ledger.Returned(hits.Select(h => (h.Product, h.BestVariant)));
        var unknown = services.Catalog.UnknownWords(ShopId, query ?? "");
        return ToolViews.Serialize(new
        {
            products = hits.Select(h => ToolViews.Summary(h.Product, h.BestVariant, shop.Currency)),
            // So the model can say "we don't sell snowboards" rather than present socks as snowboard socks.
            wordsNoProductHas = unknown.Count == 0 ? null : unknown,
            note = hits.Count == 0 ? "No product in this shop matches; say so and suggest a broader search."
                : unknown.Count > 0 ? "These match the query without the words no product has; tell the shopper the shop lacks those." : null,
        });
    }

    [KernelFunction("get_product")]
    [Description("Gets one product's full details: description, options and every variant with its id, price and availability.")]
    public string GetProduct([Description("The product id from a previous tool result.")] string productId)
    {
        ledger.Called("get_product");
        if (Find(productId) is not { } product) return NotFound(productId);
        ledger.Returned([(product, (ProductVariant?)null)]);
        return ToolViews.Serialize(ToolViews.Details(product, shop.Currency));
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
        return ToolViews.Serialize(new { products = products.Select(p => ToolViews.Details(p, shop.Currency)) });
    }

    [KernelFunction("frequently_bought_with")]
    [Description("Lists what this shop's customers most often bought in the same order as a product, with how many orders; only products that can be bought now. Use for 'what goes well with it'.")]
    public async Task<string> FrequentlyBoughtWithAsync(
        [Description("The product id from a previous tool result.")] string productId,
        [Description("Highest price in the shop's currency.")] decimal? maxBudget = null,
        CancellationToken cancellationToken = default)
    {
        ledger.Called("frequently_bought_with");
        if (Find(productId) is not { } product) return NotFound(productId);
        var ranking = new RankingContext(ShopId, shop.Currency,
            await services.Purchases.GetAsync(ShopId, cancellationToken), await CustomerAsync(cancellationToken));
        var found = services.Together.For(product.Id, new ShoppingSlots { MaxPrice = maxBudget }, ranking, MaxResults);
        ledger.Returned(found.Select(p => (p.Product, (ProductVariant?)p.Variant, p.Reasons)));
        return ToolViews.Serialize(new
        {
            products = found.Select(p => new { product = ToolViews.Summary(p.Product, p.Variant, shop.Currency), reasons = p.Reasons }),
            note = found.Count == 0 ? "The orders show no product bought together with this one; say so instead of guessing a pairing." : null,
        });
    }

    [KernelFunction("recommend_gifts")]
    [Description("Suggests gifts from the catalog for a recipient, occasion, interests and budget, with the reasons each fits. Returns up to 6 products that can be bought now, of different kinds.")]
    public async Task<string> RecommendGiftsAsync(
        [Description("Who the gift is for, e.g. 'mom', 'coworker', 'boyfriend', '8 year old nephew'.")] string? recipient = null,
        [Description("The occasion, e.g. 'birthday', 'anniversary'.")] string? occasion = null,
        [Description("What the recipient likes or what kind of product, e.g. 'coffee', 'jewellery'.")] string? interests = null,
        [Description("Highest price in the shop's currency.")] decimal? maxBudget = null,
        CancellationToken cancellationToken = default)
    {
        ledger.Called("recommend_gifts");
        // The shop's own entity extraction normalises the model's words ("my mother" -> mom) as it does the shopper's.
        var who = services.Entities.Extract(ShopId, $"a {occasion} gift for my {recipient}".Trim());
        var what = string.IsNullOrWhiteSpace(interests) ? null : services.Entities.Extract(ShopId, interests);
        // "hiking" names no product: a hobby, searched through the words products use for it, as for a shopper's "likes hiking".
        var interest = what is { Categories.Count: 0, Keywords.Length: > 0 } ? InterestExtractor.Canonical(what.Keywords) : null;
        var slots = new ShoppingSlots
        {
            Gift = true,
            Recipient = who.Recipient,
            RecipientAge = who.RecipientAge,
            Occasion = who.Occasion,
            MaxPrice = maxBudget,
            Keywords = interest is null ? what?.Keywords ?? "" : "",
            Interest = interest,
            Categories = what?.Categories ?? [],
            Colors = what?.Colors ?? [],
            Materials = what?.Materials ?? [],
        };
        var ranking = new RankingContext(ShopId, shop.Currency,
            await services.Purchases.GetAsync(ShopId, cancellationToken), await CustomerAsync(cancellationToken));
        var found = services.Gifts.Find(slots, ranking, 0, MaxResults);
        ledger.Returned(found.Products.Select(p => (p.Product, (ProductVariant?)p.Variant, p.Reasons)));
        return ToolViews.Serialize(new
        {
            products = found.Products.Select(p => new { product = ToolViews.Summary(p.Product, p.Variant, shop.Currency), reasons = p.Reasons }),
            relaxed = found.Relaxed.Count == 0 ? null : found.Relaxed.Select(r => r.ToString().ToLowerInvariant()),
            note = found.Products.Count == 0 ? "Nothing in this shop fits; ask about other interests or a different budget." : null,
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
        if (!product.IsPurchasable) return ToolViews.Serialize(new ToolError($"{product.Title} cannot be bought right now."));

        var available = product.Variants.Where(v => v.IsAvailable).ToList();
        ProductVariant variant;
        if (variantId is { } id)
        {
            var asked = product.Variants.FirstOrDefault(v => v.ShopifyId == id);
            if (asked is null) return ToolViews.Serialize(new ToolError($"Variant {id} is not a variant of {product.Title}."));
            if (!asked.IsAvailable) return ToolViews.Serialize(new ToolError($"{product.Title} ({asked.Title}) is sold out."));
            variant = asked;
        }
        else if (available.Count == 1) variant = available[0];
        else
            return ToolViews.Serialize(new
            {
                error = "Several variants: ask the shopper which one, then call add_to_cart with its variantId.",
                variants = available.Select(v => new VariantView(v.ShopifyId, v.Title, v.Price, v.IsOnSale ? v.CompareAtPrice : null, true)),
            });

        ledger.Returned([(product, (ProductVariant?)variant)]);
        ledger.Act(new ReplyAction(ReplyActions.AddToCart, new Dictionary<string, string>
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
            shop.Currency,
            note = "The shopper's cart will show it; do not claim checkout happened.",
        });
    }

    [KernelFunction("get_store_policy")]
    [Description("The shop's own shipping, returns or payment policy text. Quote it; never promise anything it does not say.")]
    public string GetStorePolicy([Description("One of: shipping, returns, payment.")] string topic)
    {
        ledger.Called("get_store_policy");
        var policy = (topic ?? "").Trim().ToLowerInvariant() switch
        {
            "shipping" or "delivery" => shop.ShippingPolicy,
            "returns" or "return" or "refunds" or "exchanges" => shop.ReturnsPolicy,
            "payment" or "payments" => shop.PaymentPolicy,
            _ => null,
        };
        if (policy is null) return ToolViews.Serialize(new ToolError("Topic must be shipping, returns or payment."));
        return policy.Length > 0
            ? ToolViews.Serialize(new { topic, policy })
            : ToolViews.Serialize(new { topic, policy = "", note = "The shop has not published this policy; offer to pass the question to the team." });
    }

    [KernelFunction("get_order_status")]
    [Description("The signed-in customer's own recent orders with status and tracking. Works only for an identified customer; never ask for an order number as proof of identity.")]
    public async Task<string> GetOrderStatusAsync(
        [Description("The order number the shopper mentioned, e.g. '#1042', if any.")] string? orderNumber = null,
        CancellationToken cancellationToken = default)
    {
        ledger.Called("get_order_status");
        // Orders are never looked up by number alone: anyone could type one.
        if (await CustomerAsync(cancellationToken) is not { } customer)
            return ToolViews.Serialize(new
            {
                error = "The shopper is not identified.",
                instruction = "Ask them to sign in on the store, or to message us from the email or phone number they ordered with; or offer a person.",
            });
        var wanted = (orderNumber ?? "").Trim().TrimStart('#');
        var orders = wanted.Length > 0
            ? customer.Orders.Where(o => o.Name.TrimStart('#').Equals(wanted, StringComparison.OrdinalIgnoreCase)).ToList()
            : customer.Orders.Take(3).ToList();
        return ToolViews.Serialize(new
        {
            customerFirstName = customer.FirstName,
            orders = orders.Select(o => new
            {
                number = o.Name,
                placed = o.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                total = o.Total,
                currency = o.Currency.Length > 0 ? o.Currency : shop.Currency,
                payment = o.FinancialStatus,
                fulfillment = o.CancelledAt is not null ? "cancelled" : o.FulfillmentStatus ?? "unfulfilled",
                tracking = o.CancelledAt is null ? o.TrackingUrl : null,
                items = o.Lines.Select(l => new { l.Title, l.VariantTitle, l.Quantity }),
            }),
            note = orders.Count == 0 ? (wanted.Length > 0 ? $"No order {orderNumber} on this customer's account." : "This customer has no orders yet.") : null,
        });
    }

    private Task<CustomerProfile?> CustomerAsync(CancellationToken cancellationToken) =>
        customerId is { } id ? services.Customers.GetAsync(ShopId, id, cancellationToken) : Task.FromResult<CustomerProfile?>(null);

    private Product? Find(string? productId) =>
        Guid.TryParse(productId, out var id) ? services.Catalog.Get(ShopId, id) : null;

    private static string NotFound(string? productId) =>
        ToolViews.Serialize(new ToolError($"No product with id '{productId}' in this shop. Use ids from search results."));

    private static IReadOnlyList<string> OneOrNone(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : [value.Trim()];
}
