using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Entities;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Recommendations;

/// <summary>
/// Gifts from recipient, occasion and budget: candidates suited to the recipient (the shop's "for-her" / "for-kids"
/// style tags when it has them), boosted when tagged for the occasion or the child's age band, then a small set
/// spread across product types so the shopper sees different ideas, not five scarves.
/// </summary>
public sealed class GiftFinder(ProductRetriever retriever)
{
    private const int Pool = 120;

    /// <summary>Too little to go on: no recipient, occasion, budget or product. Ask one question instead of guessing.</summary>
    public static bool IsTooVague(ShoppingSlots slots) =>
        slots.Recipient is null && slots.Occasion is null && slots.MaxPrice is null && slots.MinPrice is null && !slots.HasProductFocus;

    public Recommendation Find(ShoppingSlots slots, RankingContext context, int offset, int count)
    {
        // "a gift for a new baby" / a baby shower: the baby is who it is for, even when no person was named.
        if (slots.Recipient is null && slots.Occasion == "baby_shower") slots = slots with { Recipient = "baby", RecipientAge = slots.RecipientAge ?? 0 };
        var recipientTag = slots.Recipient is { } r ? GiftTags.RecipientTag(r, slots.RecipientAge) : null;
        var tags = new List<string>();
        if (recipientTag is not null) tags.Add(recipientTag);
        if (recipientTag == "for-kids") tags.AddRange(GiftTags.AgeTags(slots.RecipientAge));
        var retrieval = retriever.Find(context.ShopId, slots, Pool, tags.Count > 0 ? tags : null);
        var asked = retrieval.Relaxed.Contains(Relaxation.Interest) ? slots with { Interest = null } : slots;
        var hits = asked.Interest is { } interest ? retrieval.Hits.Where(h => InterestSearchTerms.Mentions(h.Product, interest)).ToList() : retrieval.Hits;
        // The shop's "for him" / "for her" lists are its curation, not the shopper's words: a brother who likes gaming
        // is better served by a board game the shop never listed for him than by a pen.
        if (asked.Interest is { } wanted && hits.Count == 0 && recipientTag is "for-him" or "for-her")
        {
            var open = retriever.Find(context.ShopId, slots, Pool, tags.Count > 1 ? tags.Where(t => t != recipientTag).ToList() : null);
            var named = open.Relaxed.Contains(Relaxation.Interest) ? [] : open.Hits.Where(h => InterestSearchTerms.Mentions(h.Product, wanted)).ToList();
            if (named.Count > 0) (retrieval, hits) = (open, named);
        }
        var ideas = OfKindFirst(Score(hits, asked, recipientTag, context), asked).Select(x => (x.Hit, x.Score, Slots: asked)).ToList();
        // Found by the interest's words, yet none names the interest: the page is other gifts, and the reply says so.
        var relaxed = asked.Interest is not null && ideas.Count == 0 ? [.. retrieval.Relaxed, Relaxation.Interest] : retrieval.Relaxed;

        // Few products fit the interest ("likes dinosaurs"): the recipient's other good gifts follow, after every match.
        if (asked.Interest is not null && ideas.Count <= offset + count)
        {
            var general = asked with { Interest = null };
            var seen = ideas.Select(x => x.Hit.Product.Id).ToHashSet();
            var others = retriever.Find(context.ShopId, general, Pool, tags.Count > 0 ? tags : null).Hits.Where(h => !seen.Contains(h.Product.Id));
            ideas.AddRange(OfKindFirst(Score(others, general, recipientTag, context), general).Select(x => (x.Hit, x.Score, Slots: general)));
        }

        var page = ideas.Skip(offset).Take(count).Select(x =>
        {
            var variant = context.ChooseVariant(x.Hit.Product, x.Hit.BestVariant!, x.Slots);
            return new RankedProduct(x.Hit.Product, variant, x.Score)
            {
                Reasons = ReasonWriter.For(x.Hit.Product, variant, x.Slots, context.Currency, context.Signals(x.Hit.Product, variant)),
            };
        }).ToList();
        return new Recommendation(page, relaxed, ideas.Count > offset + count) { UnknownWords = retrieval.UnknownWords };
    }

    private static List<(SearchHit Hit, double Score)> Score(IEnumerable<SearchHit> hits, ShoppingSlots slots, string? recipientTag, RankingContext context)
    {
        var occasionTag = slots.Occasion is { } o ? GiftTags.OccasionTag(o) : null;
        var ageTags = GiftTags.AgeTags(slots.RecipientAge).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var candidates = hits.Where(h => h.BestVariant is not null && h.Product.IsPurchasable).ToList();
        // "nothing too expensive" / "something fancy" without an amount: the cheaper or dearer half of what fits.
        if (slots.Tier is { } tier && candidates.Count > 1)
        {
            var median = candidates.Select(h => h.BestVariant!.Price).Order().ElementAt(candidates.Count / 2);
            candidates = tier is PriceTier.Budget or PriceTier.Lower
                ? candidates.Where(h => h.BestVariant!.Price <= median).ToList()
                : candidates.Where(h => h.BestVariant!.Price >= median).ToList();
        }
        return candidates
            .Select(h =>
            {
                var productTags = h.Product.TagList.ToHashSet(StringComparer.OrdinalIgnoreCase);
                var score = (slots.HasProductFocus ? h.Score : 1.0) * context.Prior(h.Product);
                if (occasionTag is not null && productTags.Contains(occasionTag)) score *= 1.6;
                if (ageTags.Count > 0 && ageTags.Overlaps(productTags)) score *= 1.4;
                if (recipientTag is not null && productTags.Contains(recipientTag)) score *= 1.2;
                return (Hit: h, Score: score);
            })
            .OrderByDescending(x => x.Score).ThenBy(x => x.Hit.Product.Handle, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Products of the kind asked for first, varied; then those the category filter let in by a word of their title
    /// only ("White Tea Eau de Parfum" for tea, a "Watch Cap" beanie for jewelry), when any of the kind was found.
    /// </summary>
    private static List<(SearchHit Hit, double Score)> OfKindFirst(List<(SearchHit Hit, double Score)> scored, ShoppingSlots slots)
    {
        if (slots.Categories.Count == 0) return Diverse(scored);
        var ofKind = scored.Where(x => slots.IsOfKind(x.Hit.Product.ProductType)).ToList();
        if (ofKind.Count == 0) return Diverse(scored);
        return [.. Diverse(ofKind), .. Diverse(scored.Except(ofKind).ToList())];
    }

    /// <summary>One product per type per round, best first, so the shopper sees different ideas, not five scarves.</summary>
    private static List<(SearchHit Hit, double Score)> Diverse(List<(SearchHit Hit, double Score)> scored)
    {
        var diverse = new List<(SearchHit Hit, double Score)>();
        var remaining = scored;
        while (remaining.Count > 0)
        {
            var seenTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var round = remaining.Where(x => seenTypes.Add(x.Hit.Product.ProductType)).ToList();
            diverse.AddRange(round);
            remaining = remaining.Except(round).ToList();
        }
        return diverse;
    }
}
