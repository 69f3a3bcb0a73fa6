namespace ConversationalCommerce.Engine.Search.Query;

/// <summary>One alternative spelling of a query concept, with how much a match on it is worth (1 = the shopper's own word).</summary>
public readonly record struct TermAlternative(int TermId, float Weight);

/// <summary>
/// One concept of the query ("hoodie", or the phrase "t shirt") and the catalog terms that express it. A product
/// scores a group by its best alternative only, so a synonym never counts twice.
/// </summary>
public sealed record QueryGroup(string Text, TermAlternative[] Alternatives, float Idf);

/// <summary>
/// A planned query: its concepts; which one is the product noun (<see cref="HeadGroup"/>, -1 when unclear: "sandals"
/// of "sandals for women"); and the catalog terms the shopper said they do not want ("without straw").
/// </summary>
public sealed record QueryPlan(IReadOnlyList<QueryGroup> Groups, int HeadGroup, int[] ExcludedTermIds)
{
    /// <summary>Words as typed that no product has in any form (stem, synonym, typo): "snowboard" in a shop without one.</summary>
    public IReadOnlyList<string> Unmatched { get; init; } = [];

    public static readonly QueryPlan Empty = new([], -1, []);
}
