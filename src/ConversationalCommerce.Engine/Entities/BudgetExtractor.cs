using System.Globalization;
using System.Text.RegularExpressions;

namespace ConversationalCommerce.Engine.Entities;

/// <summary>
/// Budgets and price ranges: "under $50", "20-40", "between 20 and 40", "around €100", "at least 60", "1.5k",
/// plus price tiers in words ("cheap", "luxury", "cheaper?"). A bare number is only a price when it carries a
/// currency or a price word, so "3 mugs" and "size 8" stay what they are.
/// </summary>
public static class BudgetExtractor
{
    private const string Currency = @"(?:\$|£|€|usd|eur|gbp|dollars?|bucks|euros?|pounds?|quid)";
    /// <summary>Amounts in words: "fifty", "twenty-five", "a hundred", "two hundred and fifty" (not "one" or "two": quantities).</summary>
    private const string Spelled = @"(?:(?:a|one|two|three|four|five|six|seven|eight|nine)\s+hundred(?:\s+(?:and\s+)?(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|fifteen))?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine)\b)?|ten|eleven|twelve|fifteen)\b";
    private const string Number = @"(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s?k\b)?|" + Spelled + ")";
    private const string Amount = $@"(?:{Currency}\s?{Number}|{Number}\s?{Currency}?)";
    private const string Units = @"(?:year|yr|y/?o\b|month|week|day|hour|minute|cm|mm|inch|in\b|ml|oz|kg|lb|g\b|pack|piece|pcs|%|am\b|pm\b|x\b|th\b|st\b|nd\b|rd\b)";
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    private static readonly Regex Range = new(
        $@"(?:\b(?:between|from)\s+)?(?<a>{Amount})\s*(?:-|to|and|–)\s*(?<b>{Amount})(?!\s*{Units})(?![\d.,])", Options);
    private static readonly Regex Max = new(
        $@"(?:\b(?:nothing\s+(?:over|above|more\s+than|pricier\s+than|dearer\s+than)|under|below|beneath|less\s+than|lower\s+than|cheaper\s+than|max(?:imum)?|up\s+to|no\s+more\s+than|not\s+more\s+than|not\s+over|at\s+most|within|budget(?:\s+(?:is|of))?|spend(?:ing)?)\b:?|<)\s*(?<a>{Amount})(?!\s*{Units})", Options);
    private static readonly Regex Min = new(
        $@"(?:\b(?:over|above|more\s+than|at\s+least|min(?:imum)?|starting\s+at|upwards\s+of)\b|>)\s*(?<a>{Amount})(?!\s*{Units})", Options);
    private static readonly Regex Approx = new(
        $@"(?:\b(?:around|about|approximately|approx\.?|roughly|circa|near|something\s+like)\b|~)\s*(?<a>{Amount})(?!\s*{Units})|(?<a>{Amount})\s*(?:-?ish\b|or\s+so\b)", Options);
    private static readonly Regex Bare = new($@"(?<![\w.,])(?<a>{Amount})(?![\w.,])", Options);

    private static readonly (Regex Pattern, PriceTier Tier)[] Tiers =
    [
        (new(@"\b(?:(?:not|nothing|none|no(?:thing)?)\s+(?:too|so|that|very|overly)\s+(?:expensive|pricey|pricy|costly|fancy|extravagant)|inexpensive|cheap(?:est)?|affordable|budget(?:-friendly)?|low[\s-]cost|bargains?|economical|reasonably\s+priced)\b", Options), PriceTier.Budget),
        (new(@"\b(?:cheaper|less\s+(?:expensive|pricey|pricy|costly)|lower\s+price[sd]?|more\s+affordable)\b", Options), PriceTier.Lower),
        (new(@"\b(?:more\s+expensive|pricier|pricer|higher\s+end|more\s+premium|fancier)\b", Options), PriceTier.Higher),
        (new(@"\b(?:premium|luxury|luxurious|high[\s-]end|top[\s-]of[\s-]the[\s-]line|designer|expensive|fancy|splurge)\b", Options), PriceTier.Premium),
    ];

    /// <summary>
    /// A small gift is a modest one: "stocking stuffers", "a little something", "a small thank-you gift". Read from the
    /// whole message, since the occasion extractor has already taken "stocking stuffers" for Christmas.
    /// </summary>
    private static readonly Regex ModestGift = new(
        @"\b(?:stocking\s+(?:stuffers?|fillers?)|(?<modest>small|little)\s+(?:[\w'-]+\s+){0,2}(?:gifts?|presents?|treats?|tokens?|something)|token\s+(?:gifts?|of\s+(?:thanks|appreciation)))\b", Options);

    public static PriceRange? Extract(EntityText text)
    {
        PriceRange? range = null;
        foreach (var m in text.Free(Range))
        {
            var a = Parse(m.Groups["a"].Value);
            var b = Parse(m.Groups["b"].Value);
            // A bare "20-40" needs a price context: a currency on one side, or no unit after it (checked above).
            if (a is null || b is null || a.Value.Amount > b.Value.Amount) continue;
            if (LooksLikeTimeOrSize(text.Text, m.Index)) continue;
            range = new PriceRange(a.Value.Amount, b.Value.Amount, a.Value.Currency ?? b.Value.Currency);
            text.Claim(m);
            break;
        }
        range ??= Single(text, Max, a => new PriceRange(null, a.Amount, a.Currency));
        range ??= Single(text, Min, a => new PriceRange(a.Amount, null, a.Currency));
        range ??= Single(text, Approx, a => new PriceRange(Math.Round(a.Amount * 0.8m, 2), Math.Round(a.Amount * 1.2m, 2), a.Currency, Approximate: true));
        range ??= Single(text, Bare, a => new PriceRange(null, a.Amount, a.Currency), requireCurrency: true);

        foreach (var (pattern, tier) in Tiers)
        {
            var m = text.Free(pattern).FirstOrDefault();
            if (m is null) continue;
            text.Claim(m);
            range = (range ?? new PriceRange(null, null)) with { Tier = tier };
            break;
        }
        if (range?.Tier is null && ModestGift.Match(text.Text) is { Success: true } modest)
        {
            range = (range ?? new PriceRange(null, null)) with { Tier = PriceTier.Budget };
            // "small" says how much, not what: it is neither a size nor a search word.
            var word = modest.Groups["modest"];
            if (word.Success && text.IsFree(word.Index, word.Length)) text.Claim(word);
        }
        return range;
    }

    private static PriceRange? Single(EntityText text, Regex pattern, Func<(decimal Amount, string? Currency), PriceRange> build, bool requireCurrency = false)
    {
        foreach (var m in text.Free(pattern))
        {
            var amount = Parse(m.Groups["a"].Value);
            if (amount is null || requireCurrency && amount.Value.Currency is null) continue;
            if (LooksLikeTimeOrSize(text.Text, m.Index)) continue;
            text.Claim(m);
            return build(amount.Value);
        }
        return null;
    }

    /// <summary>"size 8", "ages 3-5", "in 2 to 3 days" are not prices.</summary>
    private static bool LooksLikeTimeOrSize(string text, int index)
    {
        var before = text[..index].TrimEnd();
        return Regex.IsMatch(before, @"\b(?:size|sizes|age|ages|aged|number|no\.|order|#|eu|uk|us)$", RegexOptions.CultureInvariant);
    }

    /// <summary>"$1,200" -> 1200 USD; "1.5k" -> 1500; "50 euros" -> 50 EUR.</summary>
    public static (decimal Amount, string? Currency)? Parse(string amount)
    {
        var digits = Regex.Match(amount, @"\d[\d,]*(?:\.\d+)?");
        if (!digits.Success) return NumberWords.Spelled(amount) is { } spelled ? (spelled, CurrencyOf(amount)) : null;
        if (!decimal.TryParse(digits.Value.Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) return null;
        if (Regex.IsMatch(amount, @"\d\s?k\b")) value *= 1000;
        return (value, CurrencyOf(amount));
    }

    private static string? CurrencyOf(string amount) =>
        amount.Contains('$') || Regex.IsMatch(amount, @"\b(?:usd|dollars?|bucks)\b") ? "USD"
        : amount.Contains('€') || Regex.IsMatch(amount, @"\b(?:eur|euros?)\b") ? "EUR"
        : amount.Contains('£') || Regex.IsMatch(amount, @"\b(?:gbp|pounds?|quid)\b") ? "GBP"
        : null;
}
