namespace ConversationalCommerce.Engine.Recommendations;

/// <param name="Relaxed">Constraints that had to be dropped to find these (tell the shopper).</param>
/// <param name="More">True when further results exist beyond these ("show me more" has something to show).</param>
public sealed record Recommendation(IReadOnlyList<RankedProduct> Products, IReadOnlyList<Relaxation> Relaxed, bool More)
{
    public static readonly Recommendation None = new([], [], false);
}
