using System.Text;
using ConversationalCommerce.Domain.Catalog;
using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Engine.Llm;

/// <summary>
/// Chooses the reply's product cards from what the tools returned this turn, never from the model's text: the
/// products the answer names (in the order it names them), else the latest tool result's best ones. A product the
/// model invents matches nothing in the ledger and so never becomes a card.
/// </summary>
public static class ToolProductCards
{
    public static IReadOnlyList<ProductCard> Choose(TurnToolLedger ledger, string answer, string currency, int max)
    {
        var returned = ledger.Products;
        if (returned.Count == 0) return [];

        var text = Normalize(answer);
        var named = returned
            .Select(r => (r, At: Mention(text, r.Product)))
            .Where(x => x.At >= 0)
            .OrderBy(x => x.At)
            .Select(x => x.r)
            .ToList();

        var chosen = named.Count > 0
            ? named
            : returned.Where(r => r.Batch == returned.Max(x => x.Batch)).OrderBy(r => r.Rank).ToList();
        return [.. chosen.Take(max).Select(r => Card(r.Product, r.Variant, currency))];
    }

    public static ProductCard Card(Product product, ProductVariant? variant, string currency)
    {
        var shown = variant ?? ToolViews.DisplayVariant(product);
        return new ProductCard
        {
            ProductId = product.Id,
            ShopifyId = product.ShopifyId,
            Handle = product.Handle,
            Title = product.Title,
            Vendor = product.Vendor,
            ProductType = product.ProductType,
            ImageUrl = product.Images.OrderBy(i => i.Position).FirstOrDefault()?.Src,
            Url = "/products/" + product.Handle,
            Price = shown?.Price ?? 0m,
            CompareAtPrice = shown is { IsOnSale: true } ? shown.CompareAtPrice : null,
            Currency = currency,
            Available = product.IsPurchasable,
            Variants = [.. product.Variants.OrderBy(v => v.Position).Select(v => new VariantChoice(
                v.ShopifyId, v.Title, v.Price, v.IsOnSale ? v.CompareAtPrice : null, v.IsAvailable, Options(product, v)))],
            SelectedVariantId = variant is { IsAvailable: true } ? variant.ShopifyId : null,
        };
    }

    /// <summary>Position of the product's title (or id) in the answer, or -1.</summary>
    private static int Mention(string normalizedAnswer, Product product)
    {
        var title = Normalize(product.Title);
        var at = title.Length == 0 ? -1 : normalizedAnswer.IndexOf(title, StringComparison.Ordinal);
        return at >= 0 ? at : normalizedAnswer.IndexOf(product.Id.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Lower case letters, digits and single spaces, so markdown and punctuation don't hide a title.</summary>
    private static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = true;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || c == '-') { sb.Append(char.ToLowerInvariant(c)); space = false; }
            else if (!space) { sb.Append(' '); space = true; }
        }
        return sb.ToString().TrimEnd();
    }

    private static IReadOnlyDictionary<string, string> Options(Product p, ProductVariant v)
    {
        var options = new Dictionary<string, string>();
        if (!string.IsNullOrWhiteSpace(p.Option1Name) && v.Option1 is { } o1) options[p.Option1Name] = o1;
        if (!string.IsNullOrWhiteSpace(p.Option2Name) && v.Option2 is { } o2) options[p.Option2Name] = o2;
        if (!string.IsNullOrWhiteSpace(p.Option3Name) && v.Option3 is { } o3) options[p.Option3Name] = o3;
        return options;
    }
}
