using ConversationalCommerce.Engine.Entities;

namespace ConversationalCommerce.Engine.Conversation.State;

/// <summary>
/// What the engine remembers between turns, stored as Conversation.StateJson: the shopping slots that carry over
/// ("a gift for my sister" -> "under $40" -> "in green" refine one search), the products shown last (so "the
/// second one" and "these two" resolve), the product in focus ("it"), and flags such as opt-out and hand-off.
/// </summary>
public sealed record ConversationState
{
    public static readonly ConversationState Empty = new();

    /// <summary>Turns answered so far in this thread.</summary>
    public int Turn { get; init; }
    public ShoppingSlots Slots { get; init; } = ShoppingSlots.Empty;
    /// <summary>The products of the last list shown, in the order shown.</summary>
    public IReadOnlyList<ShownProduct> Shown { get; init; } = [];
    /// <summary>How many results of the current search were shown before this list ("show me more" continues).</summary>
    public int ResultOffset { get; init; }
    /// <summary>The single product the thread is about ("it", "this one").</summary>
    public Guid? FocusProductId { get; init; }
    public string? LastIntent { get; init; }
    /// <summary>A question the engine asked and awaits an answer to, e.g. <see cref="PendingQuestions.GiftDetails"/>.</summary>
    public string? PendingQuestion { get; init; }
    /// <summary>Products this thread put in the cart: not suggested again as "bought together".</summary>
    public IReadOnlyList<Guid> Carted { get; init; } = [];
    /// <summary>The last line this thread added to the cart: "make it 2" tops it up instead of adding two more.</summary>
    public CartLine? LastAdded { get; init; }
    public bool OptedOut { get; init; }
    public bool HandedOff { get; init; }
}

/// <summary>A variant and how many of it one add put in the cart.</summary>
public sealed record CartLine(Guid ProductId, long VariantId, int Quantity);

/// <param name="VariantId">Shopify id of the variant the card showed.</param>
public sealed record ShownProduct(Guid ProductId, long? VariantId, string Title, decimal Price);

/// <summary>The search the shopper is building up over turns.</summary>
public sealed record ShoppingSlots
{
    public static readonly ShoppingSlots Empty = new();

    public string Keywords { get; init; } = "";
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<string> Colors { get; init; } = [];
    public IReadOnlyList<string> Sizes { get; init; } = [];
    public IReadOnlyList<string> Materials { get; init; } = [];
    public IReadOnlyList<string> Vendors { get; init; } = [];
    public decimal? MinPrice { get; init; }
    /// <summary>The budget: nothing above it is ever recommended.</summary>
    public decimal? MaxPrice { get; init; }
    public PriceTier? Tier { get; init; }
    public string? Recipient { get; init; }
    public int? RecipientAge { get; init; }
    public string? Occasion { get; init; }
    /// <summary>What the recipient is into ("cooking", "hiking"): searched as a soft preference, dropped before anything else.</summary>
    public string? Interest { get; init; }
    /// <summary>The shopper is buying for someone else.</summary>
    public bool Gift { get; init; }
    /// <summary>"What's new?": newest products first, for this search and its refinements.</summary>
    public bool Newest { get; init; }

    /// <summary>A product of this type is of a kind the shopper named (not one the category filter let in by a title word).</summary>
    public bool IsOfKind(string productType) => Categories.Contains(productType, StringComparer.OrdinalIgnoreCase);

    public bool HasProductFocus => Keywords.Length > 0 || Categories.Count > 0 || Interest is not null;
    public bool IsEmpty => !HasProductFocus && Colors.Count == 0 && Sizes.Count == 0 && Materials.Count == 0 && Vendors.Count == 0
                           && MinPrice is null && MaxPrice is null && Tier is null && Recipient is null && Occasion is null && !Gift;
}

public static class PendingQuestions
{
    /// <summary>The gift finder asked who it is for / the occasion / the budget.</summary>
    public const string GiftDetails = "gift_details";
    /// <summary>Add to cart asked which size or colour.</summary>
    public const string VariantChoice = "variant_choice";
    /// <summary>The engine asked "did you mean ...?"; Alternatives hold the guesses.</summary>
    public const string Clarify = "clarify";
}
