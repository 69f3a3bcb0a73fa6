using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Entities;
using ConversationalCommerce.Engine.Search;
using ConversationalCommerce.Engine.Search.Analysis;

namespace ConversationalCommerce.Engine.Recommendations;

/// <summary>What the shopper asked for that the catalog could not satisfy and was dropped to find anything.</summary>
public enum Relaxation
{
    Material,
    Keywords,
    Color,
    Size,
    Tags,
    /// <summary>The recipient's interest ("likes sailing") matched nothing within the other constraints.</summary>
    Interest,
}

/// <param name="Relaxed">Constraints dropped, in order, to get these hits; empty when the search matched as asked. The budget is never relaxed.</param>
public sealed record Retrieval(IReadOnlyList<SearchHit> Hits, IReadOnlyList<Relaxation> Relaxed)
{
    /// <summary>The shopper's words no product has ("snowboard"): the hits, if any, match the rest only.</summary>
    public IReadOnlyList<string> UnknownWords { get; init; } = [];
}

/// <summary>
/// Turns the conversation's slots into catalog searches. Colour, size, category and budget are hard filters judged
/// per variant by the index; when nothing matches, the softest constraints are dropped one at a time (never the
/// budget, never purchasability) and the caller says so.
/// </summary>
public sealed class ProductRetriever(ICatalogSearch catalog)
{
    public Retrieval Find(Guid shopId, ShoppingSlots slots, int limit, IReadOnlyList<string>? tags = null)
    {
        // A describing word the shop never uses ("cosy") is a preference, not a missing product; nor is an adverb.
        var unknown = catalog.UnknownWords(shopId, slots.Keywords)
            .Where(w => !w.Split(' ').All(d => DescribingWords.Contains(d) || d.EndsWith("ly", StringComparison.Ordinal))).ToList();
        var retrieval = Relaxing(shopId, slots, limit, tags, unknown);
        return unknown.Count == 0 ? retrieval : retrieval with { UnknownWords = unknown };
    }

    private Retrieval Relaxing(Guid shopId, ShoppingSlots slots, int limit, IReadOnlyList<string>? tags, IReadOnlyList<string> unknown)
    {
        var relaxed = new List<Relaxation>();
        var request = Request(slots, limit, tags, includeMaterials: true);
        var hits = catalog.Search(shopId, request);
        if (hits.Count > 0) return new Retrieval(hits, relaxed);

        // The thing itself is what the shop lacks ("a red snowboard"): other red things are no answer to it. A gift
        // or a category search still shows what fits the rest, and says what it left out.
        if (slots.Keywords.Length > 0 && unknown.Count > 0 && NamesOnlyUnknownWords(slots.Keywords, unknown))
        {
            if (slots.Categories.Count == 0 && (tags is null || tags.Count == 0)) return new Retrieval([], relaxed);
            relaxed.Add(Relaxation.Keywords);
            slots = slots with { Keywords = "" };
            request = Request(slots, limit, tags, includeMaterials: true);
            hits = catalog.Search(shopId, request);
            if (hits.Count > 0) return new Retrieval(hits, relaxed);
        }
        // An interest is a preference, the softest thing the shopper said: the first to go.
        if (slots.Interest is not null)
        {
            relaxed.Add(Relaxation.Interest);
            slots = slots with { Interest = null };
            request = Request(slots, limit, tags, includeMaterials: true);
            hits = catalog.Search(shopId, request);
            if (hits.Count > 0) return new Retrieval(hits, relaxed);
        }

        // Category words the shop does not use as a type: search them as text before giving anything up. A type the
        // shop has is a filter to keep: "candles over $40" with none that dear must not turn into lamps.
        var types = catalog.Vocabulary(shopId).ProductTypes;
        if (slots.Categories.Count > 0 && !slots.Categories.Any(c => types.Contains(c, StringComparer.OrdinalIgnoreCase)))
        {
            var asText = request with { Categories = [], Text = Join(request.Text, string.Join(' ', slots.Categories)) };
            hits = catalog.Search(shopId, asText);
            if (hits.Count > 0) return new Retrieval(hits, relaxed);
        }
        if (slots.Materials.Count > 0 || slots.Vendors.Count > 0)
        {
            relaxed.Add(Relaxation.Material);
            request = Request(slots, limit, tags, includeMaterials: false);
            hits = catalog.Search(shopId, request);
            if (hits.Count > 0) return new Retrieval(hits, relaxed);
        }
        // A word that names no product ("something cosy in blue, size M") gives way before the colour and size the
        // shopper asked for: those are facts a product has or not, "cosy" is a way of describing it.
        if (slots.Keywords.Length > 0 && (slots.Categories.Count > 0 || request.Colors.Count > 0 || request.Sizes.Count > 0))
        {
            relaxed.Add(Relaxation.Keywords);
            request = request with { Text = "" };
            hits = catalog.Search(shopId, request);
            if (hits.Count > 0) return new Retrieval(hits, relaxed);
        }
        if (request.Colors.Count > 0)
        {
            relaxed.Add(Relaxation.Color);
            request = request with { Colors = [] };
            hits = catalog.Search(shopId, request);
            if (hits.Count > 0) return new Retrieval(hits, relaxed);
        }
        if (request.Sizes.Count > 0)
        {
            relaxed.Add(Relaxation.Size);
            request = request with { Sizes = [] };
            hits = catalog.Search(shopId, request);
            if (hits.Count > 0) return new Retrieval(hits, relaxed);
        }
        if (request.Tags.Count > 0)
        {
            relaxed.Add(Relaxation.Tags);
            request = request with { Tags = [] };
            hits = catalog.Search(shopId, request);
        }
        return new Retrieval(hits, relaxed);
    }

    public static SearchRequest Request(ShoppingSlots slots, int limit, IReadOnlyList<string>? tags, bool includeMaterials)
    {
        var text = slots.Interest is { } interest ? Join(InterestSearchTerms.For(interest), slots.Keywords) : slots.Keywords;
        // Written the way shoppers say it ("Fernhill linen shirts"): the search takes the last plain word before
        // any modifier as the product noun, so the noun must come last.
        if (includeMaterials)
            text = Join(Join(string.Join(' ', slots.Vendors), string.Join(' ', slots.Materials)), text);
        return new SearchRequest(text)
        {
            Categories = slots.Categories,
            Colors = slots.Colors,
            Sizes = slots.Sizes,
            MinPrice = slots.MinPrice,
            MaxPrice = slots.MaxPrice,
            Tags = tags ?? [],
            PurchasableOnly = true,
            Limit = limit,
        };
    }

    private static bool NamesOnlyUnknownWords(string keywords, IReadOnlyList<string> unknown) =>
        ShopperTextAnalyzer.Words(keywords).Count(w => !ShopperTextAnalyzer.IsStopWord(w.Text) && !DescribingWords.Contains(w.Text))
            <= unknown.Sum(u => u.Split(' ').Length);

    private static string Join(string a, string b) => string.IsNullOrWhiteSpace(b) ? a : string.IsNullOrWhiteSpace(a) ? b : a + " " + b;
}
