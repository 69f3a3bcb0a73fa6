namespace ConversationalCommerce.Engine.Intents;

/// <summary>The built-in shopper intents. Their training examples ship in CommerceIntents.tsv (embedded).</summary>
public static class CommerceIntents
{
    /// <summary>Looking for products: "do you have linen shirts", "show me mugs".</summary>
    public const string Search = "search";
    /// <summary>Buying for someone else: "gift for my mom under $50".</summary>
    public const string GiftFinder = "gift_finder";
    /// <summary>"what's the difference between these two".</summary>
    public const string Compare = "compare";
    /// <summary>"which one should I get".</summary>
    public const string RecommendOne = "recommend_one";
    /// <summary>Details of a product: material, size, care, dimensions.</summary>
    public const string ProductQuestion = "product_question";
    /// <summary>Stock: "is it in stock", "when will it be back".</summary>
    public const string Availability = "availability";
    /// <summary>Price, sales, discount codes.</summary>
    public const string PriceDiscount = "price_discount";
    /// <summary>"where is my order".</summary>
    public const string OrderStatus = "order_status";
    /// <summary>Shipping and returns policy.</summary>
    public const string ShippingReturns = "shipping_returns";
    public const string AddToCart = "add_to_cart";
    /// <summary>Wants a person.</summary>
    public const string HumanHandoff = "human_handoff";
    public const string Greeting = "greeting";
    public const string Thanks = "thanks";
    public const string Goodbye = "goodbye";
    /// <summary>Unsubscribe / STOP / opt out: must always be honoured.</summary>
    public const string Stop = "stop";
    /// <summary>Not about shopping, or too unsure to act: ask a clarifying question or steer back.</summary>
    public const string OutOfScope = "out_of_scope";
    /// <summary>A bare refinement of the last search: "under $40", "in green", "cheaper?".</summary>
    public const string Refine = "refine";
    /// <summary>"show me more", "anything else?".</summary>
    public const string More = "more";
    /// <summary>What goes with a product: "what goes well with the wallet", "what do people buy with this".</summary>
    public const string PairsWith = "pairs_with";

    public static readonly IReadOnlyList<string> All =
    [
        Search, GiftFinder, Compare, RecommendOne, ProductQuestion, Availability, PriceDiscount, OrderStatus,
        ShippingReturns, AddToCart, HumanHandoff, Greeting, Thanks, Goodbye, Stop, OutOfScope, Refine, More, PairsWith,
    ];

    public static bool IsBuiltIn(string intent) => All.Contains(intent, StringComparer.Ordinal);
}
