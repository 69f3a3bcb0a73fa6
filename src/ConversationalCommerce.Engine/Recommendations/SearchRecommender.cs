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
        // ("White Tea Eau de Parfum" for tea, a bracelet craft kit for jewelry). A department ("jewelry", "toys") also
        // shows its range: the best of each of its kinds first, then the second best...
        var department = CategoryExtractor.IsDepartment(slots.Categories);
        if (department || slots.Categories.Count > 0 && ranked.Any(r => slots.IsOfKind(r.Hit.Product.ProductType)))
            ordered = ordered.Select((r, i) => (Item: r, Order: i))
                .GroupBy(x => x.Item.Hit.Product.ProductType, StringComparer.OrdinalIgnoreCase)
                .SelectMany(g => g.Select((x, place) => (x.Item, x.Order, Place: department ? place : 0, Outside: !slots.IsOfKind(g.Key))))
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
