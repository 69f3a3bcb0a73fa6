using System.Text.RegularExpressions;

namespace ConversationalCommerce.Engine.Entities;

/// <summary>
/// How many the shopper wants: "two of them", "3 mugs", "a pair", "x2", "i'll take 4". A number is a quantity
/// only in such a frame, so "size 8" or "$20" (claimed earlier) never count.
/// </summary>
public static class QuantityExtractor
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;
    private const string N = NumberWords.Pattern;

    private static readonly Regex[] Patterns =
    [
        new($@"\b(?<n>{N})\s+(?:of\s+(?:them|those|these|it|the\w*|each)|more|pieces?|pcs|units?|items?|sets?|packs?|pairs?)\b", Options),
        new($@"(?:\bx\s?(?<n>\d{{1,3}})\b|\b(?<n>\d{{1,3}})\s?x\b)", Options),
        new($@"\b(?:take|buy|get|order|add|want|need|like)\s+(?<n>{N})\b(?!\s*(?:year|yr|day|week|month|hour|minute|%))", Options),
        new($@"\bquantity\s*(?:of|:)?\s*(?<n>\d{{1,3}})\b", Options),
        // "3 mugs", "two candles": a number right before a plural noun.
        new($@"(?<![$£€\d.,])\b(?<n>\d{{1,3}}|two|three|four|five|six|seven|eight|nine|ten|twelve|a\s+dozen|a\s+couple\s+of|a\s+pair\s+of)\s+(?!(?:year|yr|day|week|month|hour|minute|inch|cm|mm|ml|oz|kg|lb|dollar|buck|euro|pound|quid|percent|people|guests|kids|children)s?\b)(?:\w+\s+)?\w+s\b", Options),
    ];

    /// <summary>"make it 2": the pronoun is the reference extractor's by now, so only the number must be free.</summary>
    private static readonly Regex MakeIt = new($@"\bmake\s+(?:it|that|them|those)\s+(?<n>{N})\b", Options);

    public static int? Extract(EntityText text)
    {
        foreach (Match m in MakeIt.Matches(text.Text))
        {
            var n = m.Groups["n"];
            if (!text.IsFree(n.Index, n.Length) || NumberWords.Parse(n.Value) is not { } value || value is <= 0 or > 999) continue;
            text.Claim(n);
            return value;
        }
        foreach (var pattern in Patterns)
            foreach (var m in text.Free(pattern))
            {
                var n = NumberWords.Parse(m.Groups["n"].Value);
                if (n is null or <= 0 or > 999) continue;
                text.Claim(m.Groups["n"]);
                return n;
            }
        return null;
    }
}
