using System.Globalization;
using ConversationalCommerce.Engine.Entities;

namespace ConversationalCommerce.Engine.Conversation;

/// <summary>A message's entities as flat strings for Reply.Entities (logs, the JSON API, the LLM mode).</summary>
public static class EntitySummary
{
    public static IReadOnlyDictionary<string, string> Of(ShopperEntities e)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.Budget is { } b)
        {
            if (b.Min is { } min) d["budgetMin"] = min.ToString(CultureInfo.InvariantCulture);
            if (b.Max is { } max) d["budgetMax"] = max.ToString(CultureInfo.InvariantCulture);
            if (b.Currency is { } c) d["currency"] = c;
            if (b.Tier is { } tier) d["priceTier"] = tier.ToString().ToLowerInvariant();
        }
        if (e.Recipient is { } r) d["recipient"] = r;
        if (e.RecipientAge is { } age) d["recipientAge"] = age.ToString(CultureInfo.InvariantCulture);
        if (e.Occasion is { } o) d["occasion"] = o;
        if (e.Interest is { } interest) d["interest"] = interest;
        Add(d, "categories", e.Categories);
        Add(d, "colors", e.Colors);
        Add(d, "sizes", e.Sizes);
        Add(d, "materials", e.Materials);
        Add(d, "vendors", e.Vendors);
        if (e.Quantity is { } q) d["quantity"] = q.ToString(CultureInfo.InvariantCulture);
        if (e.References.Count > 0)
            d["references"] = string.Join(",", e.References.Select(x => x.Kind switch
            {
                ReferenceKind.Ordinal => $"ordinal:{x.Ordinal}",
                ReferenceKind.Set => $"set:{x.Count?.ToString(CultureInfo.InvariantCulture) ?? "all"}",
                ReferenceKind.Attribute => $"attribute:{x.Attribute}",
                ReferenceKind.Noun => $"noun:{x.Attribute}",
                _ => "focus",
            }));
        if (e.Keywords.Length > 0) d["keywords"] = e.Keywords;
        return d;
    }

    private static void Add(Dictionary<string, string> d, string key, IReadOnlyList<string> values)
    {
        if (values.Count > 0) d[key] = string.Join(",", values);
    }
}
