using System.Net;
using System.Text.RegularExpressions;
using ConversationalCommerce.Domain.Catalog;

namespace ConversationalCommerce.Engine.Catalog;

/// <summary>
/// Facts a merchant wrote in a product description: labelled lines ("Material: ...", "Care: ...", "Size &amp; fit: ...")
/// and the first paragraph. Only what the description says; nothing is guessed.
/// </summary>
public sealed partial class ProductFacts
{
    private readonly Dictionary<string, string> _labelled;

    private ProductFacts(string summary, Dictionary<string, string> labelled, IReadOnlyList<string> paragraphs)
    {
        Summary = summary;
        _labelled = labelled;
        Paragraphs = paragraphs;
    }

    /// <summary>The first paragraph as plain text (may be empty).</summary>
    public string Summary { get; }
    public IReadOnlyList<string> Paragraphs { get; }

    public static ProductFacts Of(Product product)
    {
        var html = product.BodyHtml ?? "";
        var labelled = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in LabelledItem().Matches(html))
        {
            var label = Plain(m.Groups["label"].Value).TrimEnd(':').Trim();
            var value = Plain(m.Groups["value"].Value).Trim();
            if (label.Length > 0 && value.Length > 0) labelled.TryAdd(label, value);
        }
        var paragraphs = Paragraph().Matches(html).Select(m => Plain(m.Groups[1].Value).Trim()).Where(p => p.Length > 0).ToList();
        if (paragraphs.Count == 0 && labelled.Count == 0)
        {
            var text = Plain(html).Trim();
            if (text.Length > 0) paragraphs.Add(text);
        }
        return new ProductFacts(paragraphs.FirstOrDefault() ?? "", labelled, paragraphs);
    }

    /// <summary>The value of the first label that contains one of the words ("material", "fabric"), or null.</summary>
    public string? Find(params string[] labelWords)
    {
        foreach (var word in labelWords)
        foreach (var (label, value) in _labelled)
            if (label.Contains(word, StringComparison.OrdinalIgnoreCase)) return value;
        return null;
    }

    /// <summary>
    /// The first sentence of the description (paragraphs, then labelled lines as "Label: value") with a word that
    /// starts with one of <paramref name="stems"/> ("fold" finds "Foldable"), or null.
    /// </summary>
    public string? SentenceMentioning(IReadOnlyCollection<string> stems)
    {
        var sentences = Paragraphs.SelectMany(p => SentenceEnd().Split(p)).Concat(_labelled.Select(kv => $"{kv.Key}: {kv.Value}"));
        foreach (var sentence in sentences)
            foreach (Match word in Word().Matches(sentence))
                if (stems.Any(s => word.Value.StartsWith(s, StringComparison.OrdinalIgnoreCase)))
                    return sentence.Trim();
        return null;
    }

    /// <summary>The first paragraph mentioning one of the words (e.g. "pre-order", "personalised").</summary>
    public string? ParagraphMentioning(params string[] words) =>
        Paragraphs.FirstOrDefault(p => words.Any(w => p.Contains(w, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The titles of the variants that can be bought now ("M / Navy"), in variant order; none for a single-variant product.</summary>
    public static IReadOnlyList<string> InStockVariants(Product product, int max = 8) =>
        product.Variants.Where(v => v.IsAvailable).Select(v => v.Title).Where(t => t != "Default Title").Take(max).ToList();

    /// <summary>The sentences of plain text (a policy, a paragraph).</summary>
    public static string[] Sentences(string text) => SentenceEnd().Split(text);

    private static string Plain(string html) => WebUtility.HtmlDecode(Tags().Replace(html, " ")).Replace("  ", " ");

    [GeneratedRegex(@"<li>\s*(?:<strong>|<b>)(?<label>[^<]{1,40})(?:</strong>|</b>)\s*(?<value>.*?)</li>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex LabelledItem();

    [GeneratedRegex(@"<p[^>]*>(.*?)</p>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Paragraph();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z0-9])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'-]*")]
    private static partial Regex Word();
}
