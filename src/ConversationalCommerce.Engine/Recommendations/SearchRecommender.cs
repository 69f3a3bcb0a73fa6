using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Entities;

namespace ConversationalCommerce.Engine.Recommendations;

/// <summary>
/// Browse intents ("show me linen shirts", "under $40", "in green", "more"): retrieve with the slots as filters, rank by
/// relevance with sales and customer history as a prior (or by price for "cheap" / "premium"), and page through.
/// </summary>
public sealed class SearchRecommender(ProductRetriever retriever)
{
    private const int Pool = 60;
    private const int NewestPool = 2000;

    public Recommendation Recommend(ShoppingSlots slots, RankingContext context, int offset, int count, IReadOnlyList<string>? tags = null)
    {
        // Newest first must see the whole match, not the most relevant 60 re-sorted by date.
        var retrieval = retriever.Find(context.ShopId, slots, slots.Newest ? NewestPool : Pool, tags);
        var ranked = retrieval.Hits
            .Where(h => h.BestVariant is not null && h.Product.IsPurchasable)
            .Select((h, i) => (Hit: h, Score: h.Score * context.Prior(h.Product), Rank: i))
            .ToList();
        IEnumerable<(Search.SearchHit Hit, double Score, int Rank)> ordered = slots.Tier switch
        {
            PriceTier.Budget or PriceTier.Lower => ranked.OrderBy(r => r.Hit.BestVariant!.Price).ThenByDescending(r => r.Score),
            PriceTier.Premium or PriceTier.Higher => ranked.OrderByDescending(r => r.Hit.BestVariant!.Price).ThenByDescending(r => r.Score),
            _ when slots.Newest => ranked.OrderByDescending(r => r.Hit.Product.CreatedAt).ThenByDescending(r => r.Score),
            _ => ranked.OrderByDescending(r => r.Score).ThenBy(r => r.Rank),
        };
        // Products of the kind asked for come before those the category filter let in by a word of their title only
        // ("White Tea Eau de Parfum" for tea), when any of the kind was found.
        if (slots.Categories.Count > 0 && !CategoryExtractor.IsDepartment(slots.Categories)
            && ranked.Any(r => slots.Categories.Contains(r.Hit.Product.ProductType, StringComparer.OrdinalIgnoreCase)))
            ordered = ordered.OrderBy(r => !slots.Categories.Contains(r.Hit.Product.ProductType, StringComparer.OrdinalIgnoreCase));
        // A department ("jewelry", "toys") shows its range: the best of each of its kinds first, then the second
        // best...; products of other kinds that only name one in their title (a bracelet craft kit) come after.
        if (CategoryExtractor.IsDepartment(slots.Categories))
            ordered = ordered.Select((r, i) => (Item: r, Order: i))
                .GroupBy(x => x.Item.Hit.Product.ProductType, StringComparer.OrdinalIgnoreCase)
                .SelectMany(g => g.Select((x, place) => (x.Item, x.Order, Place: place,
                    Outside: !slots.Categories.Contains(g.Key, StringComparer.OrdinalIgnoreCase))))
                .OrderBy(x => x.Outside).ThenBy(x => x.Place).ThenBy(x => x.Order)
                .Select(x => x.Item);
        var page = ordered.Skip(offset).Take(count).Select(r =>
        {
            var variant = context.ChooseVariant(r.Hit.Product, r.Hit.BestVariant!, slots);
            return new RankedProduct(r.Hit.Product, variant, r.Score)
            {
                Reasons = ReasonWriter.For(r.Hit.Product, variant, slots, context.Currency, context.Signals(r.Hit.Product, variant)),
            };
        }).ToList();
        return new Recommendation(page, retrieval.Relaxed, ranked.Count > offset + count) { UnknownWords = retrieval.UnknownWords };
    }
}
