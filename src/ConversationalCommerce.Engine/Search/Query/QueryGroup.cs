namespace ConversationalCommerce.Engine.Search.Query;

/// <summary>One alternative spelling of a query concept, with how much a match on it is worth (1 = the shopper's own word).</summary>
public readonly record struct TermAlternative(int TermId, float Weight);

/// <summary>
/// One concept of the query ("hoodie", or the phrase "t shirt") and the catalog terms that express it. A product
/// scores a group by its best alternative only, so a synonym never counts twice.
/// </summary>
public sealed record QueryGroup(string Text, TermAlternative[] Alternatives, float Idf);
