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
        return [.. chosen.Take(max).Select(r => ProductCardBuilder.Build(r.Product, r.Variant, currency, r.Reasons))];
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
}
