namespace ConversationalCommerce.Engine.Replies;

/// <summary>A channel-neutral answer: each channel renders the same reply its own way (widget cards, WhatsApp list, email HTML).</summary>
public sealed record Reply
{
    public required string Text { get; init; }
    public IReadOnlyList<ProductCard> Products { get; init; } = [];
    public IReadOnlyList<string> QuickReplies { get; init; } = [];
    public string Intent { get; init; } = "";
    public double Confidence { get; init; }
    public IReadOnlyDictionary<string, string> Entities { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<ReplyAction> Actions { get; init; } = [];
}

public sealed record ProductCard
{
    public required Guid ProductId { get; init; }
    public required long ShopifyId { get; init; }
    public required string Handle { get; init; }
    public required string Title { get; init; }
    public string Vendor { get; init; } = "";
    public string ProductType { get; init; } = "";
    public string? ImageUrl { get; init; }
    /// <summary>Storefront path, e.g. /products/handle; channels make it absolute.</summary>
    public required string Url { get; init; }
    public required decimal Price { get; init; }
    public decimal? CompareAtPrice { get; init; }
    public string Currency { get; init; } = "USD";
    public bool Available { get; init; }
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public IReadOnlyList<VariantChoice> Variants { get; init; } = [];
    /// <summary>The in-stock variant that matches the shopper's size/colour, when there is one.</summary>
    public long? SelectedVariantId { get; init; }
}

public sealed record VariantChoice(long ShopifyId, string Title, decimal Price, decimal? CompareAtPrice, bool Available, IReadOnlyDictionary<string, string> Options);

/// <summary>Something the channel should do besides showing text, e.g. "handoff" or "add_to_cart".</summary>
public sealed record ReplyAction(string Kind, IReadOnlyDictionary<string, string> Data);
