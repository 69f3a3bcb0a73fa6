namespace ConversationalCommerce.Domain.Intents;

/// <summary>A merchant's own intent: example sentences the classifier learns, and the reply to give when it is detected.</summary>
public sealed class ShopIntent : IShopOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ShopId { get; set; }
    /// <summary>Lower-case identifier, unique per shop, e.g. "gift_wrapping".</summary>
    public required string Name { get; set; }
    /// <summary>Example sentences, one per line.</summary>
    public string Examples { get; set; } = "";
    public string Reply { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<string> ExampleList => Examples.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
