namespace ConversationalCommerce.Engine.Recommendations;

/// <param name="Relaxed">Constraints that had to be dropped to find these (tell the shopper).</param>
/// <param name="More">True when further results exist beyond these ("show me more" has something to show).</param>
public sealed record Recommendation(IReadOnlyList<RankedProduct> Products, IReadOnlyList<Relaxation> Relaxed, bool More)
{
    /// <summary>Words the shopper typed that no product has: these results are without them (tell the shopper).</summary>
    public IReadOnlyList<string> UnknownWords { get; init; } = [];

    public static readonly Recommendation None = new([], [], false);
}
