using ConversationalCommerce.Engine.Entities;

namespace ConversationalCommerce.Engine.Conversation.State;

/// <summary>
/// Folds one message's entities into the slots carried over from earlier turns. A message naming a different
/// product or person starts a new search (keeping the budget, recipient and occasion that still apply); a bare
/// refinement ("under $40", "in green", "cheaper?") narrows the current one.
/// </summary>
public static class SlotMerger
{
    public static ShoppingSlots Merge(ShoppingSlots prior, ShopperEntities e, bool giftIntent, IReadOnlyList<ShownProduct> shown)
    {
        // "for my brother" then "he's 16": an age alone reads as "a teen", but it is the same brother, now with an age.
        if (e is { Recipient: "child" or "teen" or "baby", RecipientAge: not null } && prior.Recipient is { } known
            && known is not ("child" or "teen" or "baby"))
            e = e with { Recipient = null };
        var keywords = e.Keywords.Trim();
        var newPerson = e.Recipient is not null && prior.Recipient is not null && e.Recipient != prior.Recipient;
        var namesProduct = e.Categories.Count > 0 || keywords.Length > 0;
        var newInterest = e.Interest is not null && e.Interest != prior.Interest;
        var newProduct = namesProduct && (!SameItems(e.Categories, prior.Categories) || (keywords.Length > 0 && keywords != prior.Keywords));

        var slots = prior;
        if (newPerson)
            slots = ShoppingSlots.Empty with { Gift = true };
        else if (newProduct)
            slots = prior with { Keywords = "", Categories = [], Colors = [], Materials = [], Vendors = [], Sizes = [], Interest = null };
        else if (newInterest)
            // "she's into hiking" after "cooking" is a new idea for the same person: the old product words go with the old interest.
            slots = prior with { Keywords = "", Categories = [] };

        if (namesProduct)
            slots = slots with { Keywords = keywords, Categories = e.Categories.Count > 0 ? e.Categories : (newProduct ? [] : slots.Categories) };
        if (e.Interest is not null) slots = slots with { Interest = e.Interest };
        if (e.Colors.Count > 0) slots = slots with { Colors = e.Colors };
        if (e.Sizes.Count > 0) slots = slots with { Sizes = e.Sizes };
        if (e.Materials.Count > 0) slots = slots with { Materials = e.Materials };
        if (e.Vendors.Count > 0) slots = slots with { Vendors = e.Vendors };
        if (e.Recipient is not null) slots = slots with { Recipient = e.Recipient, RecipientAge = e.RecipientAge ?? (newPerson ? null : slots.RecipientAge) };
        else if (e.RecipientAge is not null) slots = slots with { RecipientAge = e.RecipientAge };
        if (e.Occasion is not null) slots = slots with { Occasion = e.Occasion };
        if (giftIntent || e.Recipient is not null || e.Occasion is not null || e.Interest is not null) slots = slots with { Gift = true };
        if (e.Budget is { } budget) slots = ApplyBudget(slots, budget, shown);
        return slots;
    }

    /// <summary>
    /// A stated range replaces the old one. An approximate budget ("around $100") is capped at the amount named, so
    /// nothing above what the shopper said is shown. "Cheaper" / "pricier" move relative to what was just shown.
    /// </summary>
    private static ShoppingSlots ApplyBudget(ShoppingSlots slots, PriceRange budget, IReadOnlyList<ShownProduct> shown)
    {
        if (budget.Min is not null || budget.Max is not null)
        {
            var max = budget.Max;
            var min = budget.Min;
            if (budget.Approximate && budget.Min is { } lo && budget.Max is { } hi)
            {
                max = Math.Round((lo + hi) / 2m, 2);
                min = lo;
            }
            slots = slots with { MinPrice = min, MaxPrice = max, Tier = null };
        }
        switch (budget.Tier)
        {
            case PriceTier.Lower when shown.Count > 0:
                // A round amount below the cheapest shown: "under $50" after $50.99, not "under $50.98".
                var cheapest = shown.Min(p => p.Price);
                var below = Math.Floor(cheapest) < cheapest ? Math.Floor(cheapest) : cheapest - 0.01m;
                slots = slots with { MaxPrice = Math.Min(slots.MaxPrice ?? decimal.MaxValue, below), MinPrice = null, Tier = PriceTier.Budget };
                break;
            case PriceTier.Higher when shown.Count > 0:
                var dearest = shown.Max(p => p.Price);
                slots = slots with { MinPrice = Math.Floor(dearest) + 1, MaxPrice = slots.MaxPrice is { } m && m > dearest ? m : null, Tier = PriceTier.Premium };
                break;
            case PriceTier.Lower:
                slots = slots with { Tier = PriceTier.Budget };
                break;
            case PriceTier.Higher:
                slots = slots with { Tier = PriceTier.Premium };
                break;
            case { } tier:
                slots = slots with { Tier = tier };
                break;
        }
        return slots;
    }

    private static bool SameItems(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Count == b.Count && a.All(x => b.Contains(x, StringComparer.OrdinalIgnoreCase));
}
