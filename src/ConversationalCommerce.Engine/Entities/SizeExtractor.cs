using System.Text.RegularExpressions;

namespace ConversationalCommerce.Engine.Entities;

/// <summary>
/// Clothing and shoe sizes: "XL", "size M", "in medium" -> "M", "size 8", "10.5". Single letters and the words
/// small/large only count after "size" or "in", so "a small gift" has no size.
/// </summary>
public static class SizeExtractor
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["xxs"] = "XXS", ["xs"] = "XS", ["s"] = "S", ["m"] = "M", ["l"] = "L", ["xl"] = "XL", ["xxl"] = "XXL", ["xxxl"] = "XXXL",
        ["2xl"] = "XXL", ["3xl"] = "XXXL", ["extra small"] = "XS", ["x small"] = "XS", ["small"] = "S", ["medium"] = "M",
        ["med"] = "M", ["large"] = "L", ["extra large"] = "XL", ["x large"] = "XL", ["xx large"] = "XXL",
        ["extra extra large"] = "XXL", ["one size"] = "One Size", ["petite"] = "Petite",
    };

    private const string Letter = @"xxxl|xxl|xl|xxs|xs|2xl|3xl|s|m|l|extra\s+small|x-?small|small|medium|med|extra\s+extra\s+large|extra\s+large|xx-?large|x-?large|large|one\s+size|petite";

    // "size m", "size 8", "sz 10.5", "in size xl", "eu 42", "us 9", "uk 6"
    private static readonly Regex Sized = new($@"\b(?:in\s+(?:a\s+)?)?(?:size|sz|sizes)\s*(?<v>{Letter}|\d{{1,2}}(?:\.5)?)(?![\w.])|\b(?<sys>eu|us|uk)\s*(?<v>\d{{1,2}}(?:\.5)?)\b", Options);
    // "in medium", "in xl", "a large", "the small"; not "a small thank-you gift"
    private static readonly Regex Prefixed = new($@"\b(?:in|in\s+a|an?|the|get\s+a|one)\s+(?<v>{Letter})\b(?!\s*(?:gift|amount|budget|price|one|thing|something|bit|business|shop|number))(?!(?:\s+[\w']+){{1,2}}\s+(?:gifts?|presents?|treats?|tokens?|surprises?)\b)", Options);
    // Unambiguous anywhere: "XL", "XXL", "XS", "medium".
    private static readonly Regex Anywhere = new(@"\b(?<v>xxxl|xxl|xl|xxs|xs|2xl|3xl|medium|extra\s+large|extra\s+small)\b", Options);

    public static IReadOnlyList<string> Extract(EntityText text, IReadOnlySet<string> shopSizes)
    {
        var found = new List<string>();
        foreach (var pattern in new[] { Sized, Prefixed, Anywhere })
            foreach (var m in text.Free(pattern).ToList())
            {
                if (!text.IsFree(m.Index, m.Length)) continue;
                var raw = Regex.Replace(m.Groups["v"].Value.Replace('-', ' '), @"\s+", " ");
                var value = Words.GetValueOrDefault(raw) ?? raw;
                if (m.Groups["sys"].Success) value = $"{m.Groups["sys"].Value.ToUpperInvariant()} {value}";
                value = shopSizes.FirstOrDefault(s => s.Equals(value, StringComparison.OrdinalIgnoreCase)) ?? value;
                text.Claim(m);
                if (!found.Contains(value)) found.Add(value);
            }
        return found;
    }
}
