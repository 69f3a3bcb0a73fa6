using System.Text.RegularExpressions;

namespace ConversationalCommerce.Engine.Entities;

/// <summary>
/// References to products shown earlier: "the second one", "#2", "the last one", "these two", "both", "the blue
/// one", "that mug", "it", "this one". The conversation resolves them against the last results it showed.
/// </summary>
public static class ReferenceExtractor
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    private static readonly Dictionary<string, int> Ordinals = new(StringComparer.Ordinal)
    {
        ["first"] = 1, ["1st"] = 1, ["second"] = 2, ["2nd"] = 2, ["third"] = 3, ["3rd"] = 3, ["fourth"] = 4, ["4th"] = 4,
        ["fifth"] = 5, ["5th"] = 5, ["sixth"] = 6, ["6th"] = 6, ["seventh"] = 7, ["7th"] = 7, ["eighth"] = 8, ["8th"] = 8,
        ["ninth"] = 9, ["9th"] = 9, ["tenth"] = 10, ["10th"] = 10, ["last"] = -1, ["final"] = -1, ["bottom"] = -1, ["top"] = 1,
    };

    private const string OrdinalWords = "first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|seventh|7th|eighth|8th|ninth|9th|tenth|10th|last|final";

    private static readonly Regex Ordinal = new(
        $@"\b(?:the\s+)?(?<o>{OrdinalWords})\b(?!\s+(?:minute|time|times|order|purchase|week|year|month|day|night|name|chance|of|thing))|(?:\b(?:number|no\.?|option|item|product|choice)\s*|#)(?<d>\d{{1,2}})\b", Options);
    private static readonly Regex Set = new(
        @"\b(?:(?:these|those|the|both|all|all\s+of\s+the|the\s+last|the\s+first|the\s+top)\s+(?<n>two|three|four|five|2|3|4|5)(?:\s+(?:ones?|of\s+them|options|items))?|both(?:\s+of\s+them)?|all\s+of\s+(?:them|these|those)|(?:them|these|those)\s+all|all\s+(?:three|four|five))\b", Options);
    private static readonly Regex Attribute = new(
        @"\b(?:the|that|this)\s+(?<a>(?!(?:" + OrdinalWords + @"|other|same|next|only|right|last)\b)[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+ones?\b", Options);
    private static readonly Regex Focus = new(@"\b(?:this|that)\s+one\b|\b(?:it|this|that)\b(?!\s*(?:'s|is\s+all|'ll\s+be\s+all|all))", Options);
    private static readonly Regex NounAfterDemonstrative = new(@"\b(?:that|this|the\s+same)\s+(?<noun>[a-z][\w-]+)\b", Options);
    private static readonly Regex Them = new(@"\b(?:them|these|those)\b", Options);

    private static readonly HashSet<string> NotNouns = new(StringComparer.Ordinal)
    {
        "is", "was", "will", "would", "could", "should", "can", "does", "did", "has", "have", "and", "or", "but", "in", "for",
        "a", "the", "one", "ones", "two", "three", "four", "five", "six", "ten", "dozen", "way", "time", "week", "year", "much", "many", "kind", "sort", "type", "price", "all",
        "i", "you", "he", "she", "we", "they", "it", "my", "your", "his", "her", "their", "our", "its", "im", "i'm", "would",
        "might", "may", "must", "to", "of", "with", "on", "at", "from", "by", "so", "too", "very", "really", "just", "not",
        "weekend", "morning", "evening", "afternoon", "month", "season", "summer", "winter", "spring", "fall", "autumn",
        "christmas", "birthday", "sale", "stuff", "thing", "things", "sounds", "looks", "seems", "works", "fits",
    };

    public static IReadOnlyList<ProductReference> Extract(EntityText text)
    {
        var found = new List<ProductReference>();
        foreach (var m in text.Free(Set).ToList())
        {
            var count = m.Groups["n"].Success ? NumberWords.Parse(m.Groups["n"].Value)
                : m.Value.StartsWith("both", StringComparison.Ordinal) ? 2
                : m.Value.Contains("three") ? 3 : m.Value.Contains("four") ? 4 : m.Value.Contains("five") ? 5 : null;
            var fromEnd = m.Value.StartsWith("the last", StringComparison.Ordinal) || m.Value.StartsWith("the final", StringComparison.Ordinal);
            found.Add(new ProductReference(ReferenceKind.Set, Count: count, FromEnd: fromEnd));
            text.Claim(m);
        }
        foreach (var m in text.Free(Ordinal).ToList())
        {
            if (!text.IsFree(m.Index, m.Length)) continue;
            var ordinal = m.Groups["o"].Success ? Ordinals[m.Groups["o"].Value] : int.Parse(m.Groups["d"].Value);
            if (ordinal == 0) continue;
            // "how long does the battery last?": "last" is a verb unless it is "the last" or "last one".
            if (m.Groups["o"].Value is "last" or "final" && !m.Value.StartsWith("the", StringComparison.Ordinal)
                && !Regex.IsMatch(text.Text[(m.Index + m.Length)..], @"^\s+(?:one|ones|option|item|product|choice|pick)\b", RegexOptions.CultureInvariant))
                continue;
            if (m.Groups["o"].Value == "last" && Regex.IsMatch(text.Text[..m.Index], @"\b(?:does|do|will|would|it|they|battery|charge|that|this)\s+(?:the\s+)?$", RegexOptions.CultureInvariant))
                continue;
            found.Add(new ProductReference(ReferenceKind.Ordinal, Ordinal: ordinal));
            // Claim the ordinal and "one"; a noun after it ("the second mug") stays for the category.
            var end = m.Groups["o"].Success ? m.Groups["o"].Index + m.Groups["o"].Length : m.Index + m.Length;
            var trailingOne = Regex.Match(text.Text[end..], @"^\s+(?:one|ones|option|item|product|choice|pick)\b");
            text.Claim(m.Index, end - m.Index + (trailingOne.Success ? trailingOne.Length : 0));
        }
        foreach (var m in text.Free(Attribute).ToList())
        {
            if (!text.IsFree(m.Index, m.Length)) continue;
            found.Add(new ProductReference(ReferenceKind.Attribute, Attribute: m.Groups["a"].Value));
            text.Claim(m);
        }
        foreach (var m in text.Free(NounAfterDemonstrative).ToList())
        {
            var noun = m.Groups["noun"].Value;
            if (NotNouns.Contains(noun) || !text.IsFree(m.Index, m.Length)) continue;
            found.Add(new ProductReference(ReferenceKind.Noun, Attribute: noun));
            text.Claim(m);
        }
        if (found.Count == 0)
        {
            var them = text.Free(Them).FirstOrDefault();
            if (them is not null)
            {
                found.Add(new ProductReference(ReferenceKind.Set));
                text.Claim(them);
            }
        }
        if (found.Count == 0)
        {
            var focus = text.Free(Focus).FirstOrDefault();
            if (focus is not null)
            {
                found.Add(new ProductReference(ReferenceKind.Focus));
                text.Claim(focus);
            }
        }
        return found;
    }
}
