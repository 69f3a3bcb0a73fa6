using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConversationalCommerce.Channels.WhatsApp.Inbound;
using ConversationalCommerce.Channels.WhatsApp.Settings;
using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Channels.WhatsApp.Outbound;

/// <summary>
/// Renders a channel-neutral reply as one Cloud API message: several products as an interactive list, one product
/// as an image with a caption (a text with a link preview when it has no public image), quick replies as reply
/// buttons, else text. Meta's limits are applied here (rows, titles, descriptions, body lengths).
/// </summary>
public static partial class WhatsAppMessageBuilder
{
    public const int MaxListRows = 10;
    public const int MaxRowTitle = 24;
    public const int MaxRowDescription = 72;
    public const int MaxButtons = 3;
    public const int MaxButtonTitle = 20;
    public const int MaxInteractiveBody = 1024;
    public const int MaxCaption = 1024;
    public const int MaxText = 4096;
    public const int MaxTemplateParameter = 1024;
    public const string ListButton = "See products";
    public const string ListSection = "Products";

    /// <param name="storefront">The shop's storefront origin, e.g. https://shop.example; product paths are made absolute with it.</param>
    public static JsonObject Session(string to, Reply reply, Uri storefront)
    {
        if (reply.Products.Count > 1) return List(to, reply);
        if (reply.Products.Count == 1) return SingleProduct(to, reply, reply.Products[0], storefront);
        if (reply.QuickReplies.Count > 0) return Buttons(to, reply);
        return Text(to, reply.Text);
    }

    public static JsonObject Text(string to, string body) => Envelope(to, "text", new JsonObject
    {
        ["preview_url"] = ContainsLink(body),
        ["body"] = Cut(body, MaxText),
    });

    public static JsonObject Template(string to, WhatsAppTemplate template, string text)
    {
        var content = new JsonObject
        {
            ["name"] = template.Name,
            ["language"] = new JsonObject { ["code"] = template.LanguageCode },
        };
        if (template.BodyTextParameter)
            content["components"] = new JsonArray(new JsonObject
            {
                ["type"] = "body",
                ["parameters"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = TemplateParameter(text) }),
            });
        return Envelope(to, "template", content);
    }

    private static JsonObject List(string to, Reply reply)
    {
        var rows = new JsonArray();
        foreach (var product in reply.Products.Take(MaxListRows))
            rows.Add(new JsonObject
            {
                ["id"] = InteractiveReplyIds.ForProduct(product.ProductId),
                ["title"] = Cut(product.Title, MaxRowTitle),
                ["description"] = Cut(RowDescription(product), MaxRowDescription),
            });
        return Envelope(to, "interactive", new JsonObject
        {
            ["type"] = "list",
            ["body"] = new JsonObject { ["text"] = Cut(reply.Text, MaxInteractiveBody) },
            ["action"] = new JsonObject
            {
                ["button"] = ListButton,
                ["sections"] = new JsonArray(new JsonObject { ["title"] = ListSection, ["rows"] = rows }),
            },
        });
    }

    private static JsonObject SingleProduct(string to, Reply reply, ProductCard product, Uri storefront)
    {
        var link = new Uri(storefront, product.Url).ToString();
        var caption = $"{reply.Text}\n\n{product.Title} - {Money(product.Price, product.Currency)}\n{link}";
        if (product.ImageUrl is { } image && Uri.TryCreate(image, UriKind.Absolute, out var imageUri) && imageUri.Scheme == Uri.UriSchemeHttps
            && !imageUri.AbsolutePath.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
            return Envelope(to, "image", new JsonObject { ["link"] = imageUri.ToString(), ["caption"] = Cut(caption, MaxCaption) });
        // WhatsApp shows no SVG and needs a public URL: the link preview shows the product page instead.
        return Text(to, caption);
    }

    private static JsonObject Buttons(string to, Reply reply)
    {
        var buttons = new JsonArray();
        foreach (var quick in reply.QuickReplies.Where(q => !string.IsNullOrWhiteSpace(q)).Distinct().Take(MaxButtons))
            buttons.Add(new JsonObject
            {
                ["type"] = "reply",
                ["reply"] = new JsonObject { ["id"] = InteractiveReplyIds.ForQuickReply(quick), ["title"] = Cut(quick, MaxButtonTitle) },
            });
        return Envelope(to, "interactive", new JsonObject
        {
            ["type"] = "button",
            ["body"] = new JsonObject { ["text"] = Cut(reply.Text, MaxInteractiveBody) },
            ["action"] = new JsonObject { ["buttons"] = buttons },
        });
    }

    private static JsonObject Envelope(string to, string type, JsonObject content) => new()
    {
        ["messaging_product"] = "whatsapp",
        ["recipient_type"] = "individual",
        ["to"] = to,
        ["type"] = type,
        [type] = content,
    };

    private static string RowDescription(ProductCard product)
    {
        var price = Money(product.Price, product.Currency);
        if (product.CompareAtPrice is { } was && was > product.Price) price += $" (was {Money(was, product.Currency)})";
        return string.IsNullOrWhiteSpace(product.Vendor) ? price : $"{price} - {product.Vendor}";
    }

    public static string Money(decimal amount, string currency)
    {
        var number = amount.ToString("0.00", CultureInfo.InvariantCulture);
        return currency.ToUpperInvariant() switch
        {
            "USD" => "$" + number,
            "CAD" => "CA$" + number,
            "AUD" => "A$" + number,
            "EUR" => "€" + number,
            "GBP" => "£" + number,
            _ => $"{number} {currency}",
        };
    }

    /// <summary>Meta refuses template parameters with new lines, tabs or more than four spaces in a row.</summary>
    private static string TemplateParameter(string text) => Cut(Whitespace().Replace(text, " ").Trim(), MaxTemplateParameter);

    private static bool ContainsLink(string text) => text.Contains("https://", StringComparison.OrdinalIgnoreCase) || text.Contains("http://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Cuts at a character limit, with an ellipsis, never inside a surrogate pair.</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max) return text;
        var end = max - 1;
        if (char.IsHighSurrogate(text[end - 1])) end--;
        return text[..end].TrimEnd() + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
