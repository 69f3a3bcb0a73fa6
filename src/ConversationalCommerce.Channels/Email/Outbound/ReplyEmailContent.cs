using System.Globalization;
using System.Net;
using System.Text;
using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Channels.Email.Outbound;

/// <summary>Where links in a rendered reply point: the storefront, the app (images, unsubscribe), the reply address.</summary>
public sealed record ReplyLinks(string StorefrontBase, string AppBase, string ReplyAddress, string Subject, string UnsubscribeUrl);

/// <summary>
/// Renders one <see cref="Reply"/> as the two alternatives of a mail: plain text and HTML showing the same text,
/// product cards (image, title, price, compare-at, link) and quick replies (mailto links that answer the thread).
/// </summary>
public static class ReplyEmailContent
{
    public static string Text(Reply reply, ReplyLinks links)
    {
        var sb = new StringBuilder();
        sb.AppendLine(reply.Text.Trim());
        foreach (var card in reply.Products)
        {
            sb.AppendLine();
            sb.AppendLine($"* {card.Title}");
            sb.Append($"  {Price(card.Price, card.Currency)}");
            if (card.CompareAtPrice is { } compareAt && compareAt > card.Price) sb.Append($" (was {Price(compareAt, card.Currency)})");
            if (!card.Available) sb.Append(" - sold out");
            sb.AppendLine();
            foreach (var reason in card.Reasons.Take(2)) sb.AppendLine($"  {reason}");
            sb.AppendLine($"  {Absolute(links.StorefrontBase, card.Url)}");
        }
        if (reply.QuickReplies.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Reply to this email with your answer, for example:");
            foreach (var quick in reply.QuickReplies) sb.AppendLine($"  - {quick}");
        }
        sb.AppendLine();
        sb.AppendLine("-- ");
        sb.AppendLine($"Unsubscribe: {links.UnsubscribeUrl}");
        return sb.ToString();
    }

    public static string Html(Reply reply, ReplyLinks links, string accentColor)
    {
        var accent = IsSafeColor(accentColor) ? accentColor : "#1f6feb";
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"></head>");
        sb.Append("<body style=\"margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;color:#1b1b1b;font-size:15px;line-height:1.45\">");
        foreach (var paragraph in reply.Text.Trim().Split("\n\n"))
            sb.Append("<p style=\"margin:0 0 12px\">").Append(Encode(paragraph).Replace("\n", "<br>")).Append("</p>");

        if (reply.Products.Count > 0)
        {
            sb.Append("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" style=\"border-collapse:collapse;width:100%;max-width:560px\">");
            foreach (var card in reply.Products)
            {
                var url = Encode(Absolute(links.StorefrontBase, card.Url));
                sb.Append("<tr><td style=\"padding:8px 0;border-top:1px solid #e5e5e5;width:96px;vertical-align:top\">");
                if (!string.IsNullOrWhiteSpace(card.ImageUrl))
                    sb.Append($"<a href=\"{url}\"><img src=\"{Encode(Absolute(links.AppBase, card.ImageUrl))}\" alt=\"{Encode(card.Title)}\" width=\"88\" height=\"88\" style=\"display:block;border:0;border-radius:6px\"></a>");
                sb.Append("</td><td style=\"padding:8px 0 8px 12px;border-top:1px solid #e5e5e5;vertical-align:top\">");
                sb.Append($"<a href=\"{url}\" style=\"color:#1b1b1b;font-weight:bold;text-decoration:none\">{Encode(card.Title)}</a><br>");
                sb.Append($"<span style=\"font-weight:bold\">{Encode(Price(card.Price, card.Currency))}</span>");
                if (card.CompareAtPrice is { } compareAt && compareAt > card.Price)
                    sb.Append($" <s style=\"color:#6b6b6b\">{Encode(Price(compareAt, card.Currency))}</s>");
                if (!card.Available) sb.Append(" <span style=\"color:#b42318\">sold out</span>");
                foreach (var reason in card.Reasons.Take(2))
                    sb.Append($"<br><span style=\"color:#4b4b4b;font-size:13px\">{Encode(reason)}</span>");
                sb.Append($"<br><a href=\"{url}\" style=\"color:{accent}\">View product</a>");
                sb.Append("</td></tr>");
            }
            sb.Append("</table>");
        }

        if (reply.QuickReplies.Count > 0)
        {
            sb.Append("<p style=\"margin:16px 0 8px;color:#4b4b4b\">Reply to this email, or pick one:</p><p style=\"margin:0\">");
            foreach (var quick in reply.QuickReplies)
            {
                var mailto = $"mailto:{links.ReplyAddress}?subject={Uri.EscapeDataString(links.Subject)}&body={Uri.EscapeDataString(quick)}";
                sb.Append($"<a href=\"{Encode(mailto)}\" style=\"display:inline-block;margin:0 6px 6px 0;padding:6px 12px;border:1px solid {accent};border-radius:16px;color:{accent};text-decoration:none\">{Encode(quick)}</a>");
            }
            sb.Append("</p>");
        }
        sb.Append($"<p style=\"margin:24px 0 0;font-size:12px;color:#6b6b6b\"><a href=\"{Encode(links.UnsubscribeUrl)}\" style=\"color:#6b6b6b\">Unsubscribe</a></p>");
        sb.Append("</body></html>");
        return sb.ToString();
    }

    public static string Price(decimal amount, string currency)
    {
        var value = amount.ToString("N2", CultureInfo.InvariantCulture);
        return currency.ToUpperInvariant() switch
        {
            "USD" => $"${value}",
            "CAD" => $"CA${value}",
            "AUD" => $"A${value}",
            "EUR" => $"€{value}",
            "GBP" => $"£{value}",
            "JPY" => $"¥{amount.ToString("N0", CultureInfo.InvariantCulture)}",
            _ => $"{value} {currency.ToUpperInvariant()}",
        };
    }

    private static string Absolute(string baseUrl, string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute.ToString()
            : baseUrl.TrimEnd('/') + "/" + url.TrimStart('/');

    private static string Encode(string s) => WebUtility.HtmlEncode(s);

    private static bool IsSafeColor(string color) =>
        color.Length is 4 or 7 && color[0] == '#' && color.Skip(1).All(char.IsAsciiHexDigit);
}
