using ConversationalCommerce.Engine.Search.Index;

namespace ConversationalCommerce.Engine.Search.Query;

/// <summary>
/// Weights of the second-stage evidence; each multiplies the score by exp(weight × feature), features in [0, 1].
/// Chosen on judged shopper queries (ESCI dev; see docs/conversation-engine.md), rounded, and kept few on purpose.
/// </summary>
public sealed record RerankWeights
{
    public static readonly RerankWeights Default = new();

    /// <summary>Share of the query (idf-weighted) found in the title: the title is what the product is.</summary>
    public float TitleCoverage { get; init; } = 1.0f;
    /// <summary>Share found in the title before "for"/"compatible with": a case "for AirPods" is not AirPods.</summary>
    public float LeadCoverage { get; init; } = 0.7f;
    /// <summary>Share found in the product type.</summary>
    public float TypeCoverage { get; init; } = 1.0f;
    /// <summary>The query's product noun ("slippers" of "ugg slippers women") in the title or type.</summary>
    public float HeadMatch { get; init; } = 0.8f;
    /// <summary>Share found only in the description: mentioned, not named.</summary>
    public float BodyOnly { get; init; } = -0.3f;
    /// <summary>The title has what the shopper said "without".</summary>
    public float ExcludedPresent { get; init; } = -0.5f;
    /// <summary>The title itself says "without" it.</summary>
    public float ExcludedAbsent { get; init; } = 1.0f;
    /// <summary>Title length (terms, capped at <see cref="LongTitle"/>): long keyword-stuffed titles match everything a little.</summary>
    public float TitleLength { get; init; } = -0.5f;
    public int LongTitle { get; init; } = 50;
    /// <summary>
    /// The shopper typed the product's brand (every word of its vendor): who names a brand wants that brand, and
    /// another brand's product is at best a substitute ("ugg slippers" → UGG's slippers before look-alikes).
    /// </summary>
    public float BrandNamed { get; init; } = 1.0f;
}

/// <summary>
/// Second-stage evidence for the top of the first-stage ranking, per product: where in the product the query's
/// concepts are (title, the part of the title before an accessory cue, product type, only the description),
/// whether the product noun of the query is what the product is, and what the shopper asked to be without.
/// BM25F sums term evidence from all fields; these features say whether the product IS the thing asked for.
/// </summary>
public readonly struct HeadReranker(ShopIndex index, QueryPlan plan, RerankWeights weights)
{
    private const int TitleBit = 1 << (int)ProductField.Title;
    private const int TypeBit = 1 << (int)ProductField.ProductType;
    private const int BodyBit = 1 << (int)ProductField.Body;

    public float Factor(int doc)
    {
        var groups = plan.Groups;
        var title = index.TitleTermIds[doc];
        var accessoryAt = Math.Min(index.Docs[doc].TitleAccessoryAt, title.Length);
        float total = 0, inTitle = 0, inLead = 0, inType = 0, bodyOnly = 0, head = 0;
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            float titleW = 0, typeW = 0, leadW = 0;
            bool matched = false, named = false;
            foreach (var alt in group.Alternatives)
            {
                var fields = index.FieldsOf(alt.TermId, doc);
                if (fields == 0) continue;
                matched = true;
                if ((fields & ~BodyBit) != 0) named = true;
                if ((fields & TitleBit) != 0) titleW = Math.Max(titleW, alt.Weight);
                if ((fields & TypeBit) != 0) typeW = Math.Max(typeW, alt.Weight);
                if ((fields & TitleBit) != 0 && Array.IndexOf(title, alt.TermId, 0, accessoryAt) >= 0) leadW = Math.Max(leadW, alt.Weight);
            }
            // A joined form ("tshirt" of "T-Shirt") is in the title field but not among its word positions.
            if (accessoryAt == title.Length) leadW = titleW;
            total += group.Idf;
            inTitle += group.Idf * titleW;
            inLead += group.Idf * leadW;
            inType += group.Idf * typeW;
            if (matched && !named) bodyOnly += group.Idf;
            if (g == plan.HeadGroup && (titleW > 0 || typeW > 0)) head = 1;
        }
        if (total <= 0) return 1;

        float present = 0, absent = 0;
        foreach (var id in plan.ExcludedTermIds)
        {
            if (Array.IndexOf(index.TitleNegatedTermIds[doc], id) >= 0) absent = 1;
            else if (Array.IndexOf(title, id) >= 0) present = 1;
        }

        var brand = BrandNamed(index.VendorTermIds[doc]) ? 1 : 0;
        var length = Math.Min(title.Length, weights.LongTitle) / (float)weights.LongTitle;
        var exponent = weights.TitleCoverage * inTitle / total
                       + weights.LeadCoverage * inLead / total
                       + weights.TypeCoverage * inType / total
                       + weights.BodyOnly * bodyOnly / total
                       + weights.HeadMatch * head
                       + weights.ExcludedPresent * present
                       + weights.ExcludedAbsent * absent
                       + weights.TitleLength * length
                       + weights.BrandNamed * brand;
        return MathF.Exp(exponent);
    }

    /// <summary>
    /// Every term of the vendor is one the shopper typed (not a synonym or typo fix of it): a word shared with a
    /// vendor ("brown" of "Brown Shoe Co.") does not name the brand.
    /// </summary>
    private bool BrandNamed(int[] vendor)
    {
        if (vendor.Length == 0) return false;
        foreach (var id in vendor)
        {
            var typed = false;
            foreach (var g in plan.Groups)
            foreach (var a in g.Alternatives)
                typed |= a.TermId == id && a.Weight >= 1;
            if (!typed) return false;
        }
        return true;
    }
}
