using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Recommendations;
using ConversationalCommerce.Engine.Replies;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Conversation.Turns;

/// <summary>"Which one should I get?": a single pick among what the shopper points at, what was shown, or a fresh search.</summary>
public sealed partial class PickOneResponder(SinglePick picker, SearchRecommender search, ICatalogSearch catalog) : ITurnResponder
{
    public IReadOnlyCollection<string> Intents => [CommerceIntents.RecommendOne];

    public Task<TurnAnswer> RespondAsync(Turn turn, CancellationToken cancellationToken)
    {
        IReadOnlyList<ReferencedProduct> candidates = turn.Referenced.Count >= 2 ? turn.Referenced
            : turn.State.Shown.Select(s => catalog.Get(turn.ShopId, s.ProductId) is { } p ? new ReferencedProduct(p, s.VariantId) : null)
                .OfType<ReferencedProduct>().ToList();
        // "Which is better for hiking?" after a list: a choice among those, with hiking as what it is for, not a
        // new search for hiking.
        var among = candidates.Count >= 2 && AmongThese().IsMatch(turn.Text);
        var use = among ? turn.Prediction.Entities.Interest ?? UseNamed(turn.Text, turn.Prediction.Entities.Keywords) : null;
        var slots = among ? turn.State.Slots : turn.Slots;
        if (!among && (candidates.Count == 0 || turn.Slots != turn.State.Slots && turn.Slots.HasProductFocus))
            candidates = search.Recommend(turn.Slots, turn.Ranking, 0, 10).Products.Select(r => new ReferencedProduct(r.Product, r.Variant.ShopifyId)).ToList();

        var pick = picker.Choose(candidates, slots, turn.Ranking, use);
        if (pick is null)
            return Task.FromResult(new TurnAnswer(new Reply
            {
                Text = "Tell me a little about what you need (who it's for, a budget, a size) and I'll pick one for you.",
                QuickReplies = ["Gift ideas", "Under $50"],
            }, turn.State));

        // Never claim a use the product's data does not name; offer one of the same kind that does, if there is one.
        var lead = turn.Phrasing.Pick("If I had to choose one, I'd go for", "My pick would be", "I'd recommend");
        var another = false;
        if (use is not null && !MadeFor(pick))
        {
            var named = search.Recommend(slots with { Keywords = $"{slots.Keywords} {use}".Trim() }, turn.Ranking, 0, 10).Products
                .Where(r => InterestSearchTerms.Mentions(r.Product, use))
                .Select(r => picker.Choose([new ReferencedProduct(r.Product, r.Variant.ShopifyId)], slots, turn.Ranking, use))
                .FirstOrDefault(r => r is not null && MadeFor(r));
            lead = named is null ? $"None of these says it's made for {use}, so going by the rest I'd go for" : $"None of those says it's made for {use}, but this one is:";
            another = named is not null;
            pick = named ?? pick;
        }
        // The use is said once: in the lead when another product had to be found for it.
        var reasons = another ? pick.Reasons.Where(r => !r.StartsWith(SinglePick.MadeFor, StringComparison.Ordinal)).ToList() : pick.Reasons;
        var because = reasons.Count == 0 ? "" : another ? $" ({string.Join(", ", reasons.Take(3))})" : $": it's {string.Join(", ", reasons.Take(3))}";
        var text = $"{lead} the {pick.Product.Title} at {Money.Format(pick.Variant.Price, turn.Currency)}{because}.";
        var reply = new Reply
        {
            Text = text,
            Products = [ProductCardBuilder.Build(pick, turn.Currency)],
            QuickReplies = ["Add it to my cart", "Tell me more about it", "Show me other options"],
        };
        return Task.FromResult(new TurnAnswer(reply, turn.State with { FocusProductId = pick.Product.Id, Slots = slots, PendingQuestion = null }));
    }

    private static bool MadeFor(RankedProduct pick) => pick.Reasons.Any(r => r.StartsWith(SinglePick.MadeFor, StringComparison.Ordinal));

    /// <summary>"better for hiking": the word after "for", when it is one of the search words (not "for her").</summary>
    private static string? UseNamed(string text, string keywords)
    {
        var use = ForUse().Match(text.ToLowerInvariant());
        return use.Success && keywords.Split(' ').Contains(use.Groups["use"].Value) ? use.Groups["use"].Value : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bfor\s+(?:a\s+|an\s+|the\s+|my\s+|some\s+)?(?<use>[a-z][a-z'-]*)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ForUse();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:which|better|best|between\s+(?:these|them|those))\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex AmongThese();
}
