using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConversationalCommerce.Domain.Catalog;

namespace ConversationalCommerce.Engine.Llm;

/// <summary>The shapes the tools return to the model: catalog facts only, compact, ids the other tools accept.</summary>
internal static partial class ToolViews
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static ProductSummary Summary(Product product, ProductVariant? variant, string currency)
    {
        var shown = variant ?? DisplayVariant(product);
        return new ProductSummary(
            product.Id.ToString(),
            product.Title,
            product.Vendor,
            product.ProductType,
            shown?.Price,
            shown is { IsOnSale: true } ? shown.CompareAtPrice : null,
            currency,
            product.IsPurchasable,
            Truncate(PlainText(product.BodyHtml), 180),
            [.. product.TagList.Take(6)]);
    }

    public static ProductDetails Details(Product product, string currency)
    {
        var options = new[] { product.Option1Name, product.Option2Name, product.Option3Name }
            .Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o!).ToList();
        var variants = product.Variants.OrderBy(v => v.Position).Take(30)
            .Select(v => new VariantView(v.ShopifyId, v.Title, v.Price, v.IsOnSale ? v.CompareAtPrice : null, v.IsAvailable))
            .ToList();
        return new ProductDetails(Summary(product, null, currency), Truncate(PlainText(product.BodyHtml), 900), options, variants);
    }

    /// <summary>The variant a card or summary shows: the cheapest one that can be bought, else the first.</summary>
    public static ProductVariant? DisplayVariant(Product product) =>
        product.Variants.Where(v => v.IsAvailable).OrderBy(v => v.Price).FirstOrDefault()
        ?? product.Variants.OrderBy(v => v.Position).FirstOrDefault();

    public static string PlainText(string html)
    {
        if (string.IsNullOrEmpty(html)) return "";
        var text = Tags().Replace(html, " ");
        return Spaces().Replace(WebUtility.HtmlDecode(text), " ").Trim();
    }

    private static string Truncate(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = text.LastIndexOf(' ', max - 1);
        return text[..(cut > max / 2 ? cut : max)].TrimEnd() + "…";
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

internal sealed record ProductSummary(
    string Id, string Title, string Vendor, string Type, decimal? Price, decimal? CompareAtPrice, string Currency,
    bool Available, string Summary, IReadOnlyList<string> Tags);

internal sealed record ProductDetails(ProductSummary Product, string Description, IReadOnlyList<string> Options, IReadOnlyList<VariantView> Variants);

internal sealed record VariantView(long VariantId, string Title, decimal Price, decimal? CompareAtPrice, bool Available);

internal sealed record ToolError(string Error);
