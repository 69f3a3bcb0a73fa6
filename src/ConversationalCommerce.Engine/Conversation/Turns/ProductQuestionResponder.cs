using ConversationalCommerce.Engine.Catalog;
using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Replies;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Conversation.Turns;

/// <summary>Material, size and fit, care, colours or a general description, straight from the product's own data.</summary>
public sealed partial class ProductQuestionResponder(ICatalogSearch catalog) : ITurnResponder
{
    public IReadOnlyCollection<string> Intents => [CommerceIntents.ProductQuestion];

    private static string Lower(string s) => s.Length > 1 && char.IsUpper(s[0]) && char.IsLower(s[1]) ? char.ToLowerInvariant(s[0]) + s[1..] : s;

    private static readonly (string[] Asks, string[] Labels, string Lead)[] Topics =
    [
        (["material", "made of", "made from", "fabric", "cotton", "wool", "leather", "metal", "silver", "gold", "ingredient"], ["material", "fabric", "ingredients"], "is made of"),
        (["size", "fit", "big", "small", "large", "dimension", "long", "wide", "tall", "measure", "length"], ["size", "fit", "dimension"], "size and fit:"),
        (["care", "wash", "clean", "dishwasher", "iron", "dry"], ["care", "wash"], "care:"),
    ];

    public Task<TurnAnswer> RespondAsync(Turn turn, CancellationToken cancellationToken)
    {
        var target = ProductTarget.Find(turn, catalog);
        if (target is null) return Task.FromResult(new TurnAnswer(new Reply { Text = ProductTarget.WhichProduct }, turn.State));

        var product = target.Product;
        var facts = ProductFacts.Of(product);
        var asked = turn.Text.ToLowerInvariant();
        var specific = AskedAbout.Words(asked, product.Title, Topics.SelectMany(t => t.Asks));
        var p = turn.Phrasing;
        string? answer = null;
        var unknown = false;
        // A specific thing asked ("waterproof", "a case", "the battery") is answered from the sentence that names it.
        var stems = AskedAbout.Stems(specific);
        if (specific.Count > 0 && AskedAbout.Names(product.Title, stems))
            answer = $"Its name says so: {product.Title}.";
        else if (specific.Count > 0 && facts.SentenceMentioning(stems) is { } sentence)
            answer = p.Pick($"Here's what the {product.Title} details say about that: \u201c{sentence}\u201d",
                $"On that, the {product.Title} description says: \u201c{sentence}\u201d");
        foreach (var (asks, labels, lead) in answer is null ? Topics : [])
        {
            if (!asks.Any(asked.Contains)) continue;
            if (facts.Find(labels) is { } value)
            {
                answer = lead == "is made of" ? $"The {product.Title} is made of {Lower(value.TrimEnd('.'))}." : $"The {product.Title}, {lead} {value.TrimEnd('.')}.";
                break;
            }
        }
        // "What sizes?": the sizes it comes in, and which are in stock; the fit note follows when the description has one.
        if (SizeList().IsMatch(asked) && SizesOf(product) is { Count: > 0 } sizes)
        {
            var inStock = sizes.Where(x => x.Available).Select(x => x.Size).ToList();
            answer = $"The {product.Title} comes in {string.Join(", ", sizes.Select(x => x.Size))}" +
                     (inStock.Count == sizes.Count ? ", all in stock." : inStock.Count == 0 ? ", all sold out right now." : $"; in stock now: {string.Join(", ", inStock)}.") +
                     (facts.Find("size", "fit") is { } fit ? $" Fit: {Lower(fit.TrimEnd('.'))}." : "");
        }
        if (answer is null && (asked.Contains("colo") || asked.Contains("shade")))
        {
            var colors = product.Variants.Select(v => Recommendations.ReasonWriter.OptionValue(product, v, "color", "colour")).OfType<string>().Distinct().ToList();
            answer = colors.Count > 0 ? $"The {product.Title} comes in {string.Join(", ", colors)}." : null;
        }
        if (answer is null && specific.Count > 0)
        {
            // Not in the product's data: say so rather than guess (no invented facts), and offer a person.
            unknown = true;
            answer = p.Pick($"The {product.Title} details don't mention \u201c{string.Join(' ', specific)}\u201d, so I'd rather not guess. I can ask the team for you.",
                $"I can't find anything about \u201c{string.Join(' ', specific)}\u201d in the {product.Title} details, so I won't promise it. Want me to ask the team?");
        }
        var text = answer is not null
            ? answer
            : facts.Summary.Length > 0
                ? $"Here's what the {product.Title} is about: {facts.Summary}" + (facts.Find("material") is { } m ? $" Material: {m}." : "")
                : $"I don't have more details on the {product.Title} than what's on its page.";
        // Not in this one, but another of its kind names it: worth saying ("...noise cancelling? The Noise-Cancelling
        // Over-Ear Headphones do").
        var alternative = unknown ? NamedElsewhere(turn, product, specific, stems) : null;
        if (alternative is not null)
            text += $" The {alternative.Product.Title} ({Money.Format(alternative.BestVariant!.Price, turn.Currency)}) mentions it, though.";
        var reply = new Reply
        {
            Text = text,
            Products = alternative is null ? [ProductTarget.Card(turn, target)]
                : [ProductTarget.Card(turn, target), ProductCardBuilder.Build(alternative.Product, alternative.BestVariant!, turn.Currency)],
            QuickReplies = unknown ? ["Talk to a person", "Show me similar", "Add it to my cart"] : ["Is it in stock?", "Add it to my cart", "Show me similar"],
        };
        return Task.FromResult(new TurnAnswer(reply, ProductTarget.Focus(turn.State, target)));
    }

    /// <summary>The values of the size option in variant order, each with whether any variant in it can be bought.</summary>
    private static List<(string Size, bool Available)> SizesOf(Domain.Catalog.Product product) =>
        product.Variants
            .Select(v => (Size: Recommendations.ReasonWriter.OptionValue(product, v, "size"), v.IsAvailable))
            .Where(x => x.Size is not null)
            .GroupBy(x => x.Size!, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.Key, g.Any(x => x.IsAvailable)))
            .ToList();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:what|which)\s+sizes?\b|\bsizes\b|\bcome\s+in\s+(?:what|which)\s+sizes?\b|\bsize\s+range\b",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex SizeList();

    /// <summary>A purchasable product of the same type whose name or description names what was asked, or null.</summary>
    private SearchHit? NamedElsewhere(Turn turn, Domain.Catalog.Product product, IReadOnlyList<string> asked, IReadOnlyCollection<string> stems)
    {
        if (product.ProductType.Length == 0) return null;
        return catalog.Search(turn.ShopId, new SearchRequest(string.Join(' ', asked)) { Categories = [product.ProductType], Limit = 5 })
            .FirstOrDefault(h => h.Product.Id != product.Id && h.BestVariant is not null
                && (AskedAbout.Names(h.Product.Title, stems) || ProductFacts.Of(h.Product).SentenceMentioning(stems) is not null));
    }
}
