using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit.Text;

namespace ConversationalCommerce.Channels.Email.Inbound;

/// <summary>
/// Turns an HTML mail body into plain text for the engine: block elements become line breaks, scripts and styles
/// vanish, and the quoted history that mail clients wrap in markup (blockquote, Gmail's gmail_quote, Outlook's
/// divRplyFwdMsg/appendonsend, Thunderbird's moz-cite-prefix) is left out.
/// </summary>
public static partial class HtmlText
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
        { "p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "hr", "section", "article", "header", "footer" };
    private static readonly HashSet<string> SkippedTags = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "head", "title", "blockquote" };

    public static string Convert(string html)
    {
        var sb = new StringBuilder();
        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        var skipDepth = 0;
        string? skipping = null;
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when skipping is not null:
                    if (tag.Name.Equals(skipping, StringComparison.OrdinalIgnoreCase) && !tag.IsEmptyElement)
                        skipDepth += tag.IsEndTag ? -1 : 1;
                    if (skipDepth == 0) skipping = null;
                    break;
                case HtmlTagToken tag when !tag.IsEndTag && IsQuotedHistory(tag):
                    return Tidy(sb.ToString());
                case HtmlTagToken tag when !tag.IsEndTag && !tag.IsEmptyElement && SkippedTags.Contains(tag.Name):
                    skipping = tag.Name;
                    skipDepth = 1;
                    break;
                case HtmlTagToken tag when BlockTags.Contains(tag.Name):
                    sb.Append('\n');
                    if (!tag.IsEndTag && tag.Name.Equals("li", StringComparison.OrdinalIgnoreCase)) sb.Append("- ");
                    break;
                case HtmlTagToken tag when !tag.IsEndTag && tag.Name.Equals("td", StringComparison.OrdinalIgnoreCase):
                    sb.Append(' ');
                    break;
                case HtmlDataToken data when skipping is null:
                    sb.Append(Whitespace().Replace(data.Data, " "));
                    break;
            }
        }
        return Tidy(sb.ToString());
    }

    private static bool IsQuotedHistory(HtmlTagToken tag)
    {
        foreach (var attribute in tag.Attributes)
        {
            var value = attribute.Value ?? "";
            if (attribute.Name.Equals("id", StringComparison.OrdinalIgnoreCase)
                && (value.Equals("divRplyFwdMsg", StringComparison.OrdinalIgnoreCase) || value.Equals("appendonsend", StringComparison.OrdinalIgnoreCase)))
                return true;
            if (attribute.Name.Equals("class", StringComparison.OrdinalIgnoreCase)
                && (value.Contains("gmail_quote", StringComparison.OrdinalIgnoreCase) || value.Contains("yahoo_quoted", StringComparison.OrdinalIgnoreCase)
                    || value.Contains("moz-cite-prefix", StringComparison.OrdinalIgnoreCase)))
                return true;
        }
        return false;
    }

    private static string Tidy(string text)
    {
        var lines = WebUtility.HtmlDecode(text).Replace('\u00a0', ' ').Split('\n').Select(l => l.Trim());
        return BlankRuns().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankRuns();
}
