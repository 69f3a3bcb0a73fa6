using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Entities;
using ConversationalCommerce.Engine.Intents;

namespace ConversationalCommerce.Engine.Conversation;

/// <summary>
/// The classifier's intent, adjusted by what the conversation already knows: an answer to the gift question stays
/// in the gift flow, a bare "under $40" refines the running search (gift or not), and a low-confidence message that
/// still names a product, a budget or a person is acted on instead of answered with "did you mean".
/// </summary>
public static class IntentRouting
{
    /// <summary>At most this many keywords make a message short enough to be a product search when it names the shop's products.</summary>
    public const int ShortRequestWords = 3;

    /// <param name="namesShopProducts">
    /// The message is a few words the shop's products are named or tagged with: an unsure guess is then a search.
    /// </param>
    public static string Route(IntentPrediction prediction, ConversationState state, bool namesShopProducts = false)
    {
        var intent = prediction.Intent;
        var e = prediction.Entities;
        if (prediction.Reply is not null || intent == CommerceIntents.Stop) return intent;

        var giftInfo = e.Recipient is not null || e.Occasion is not null || e.Interest is not null;
        var refiners = e.Budget is not null || e.Colors.Count > 0 || e.Sizes.Count > 0 || e.Materials.Count > 0 || e.Vendors.Count > 0;
        var namesProduct = e.Categories.Count > 0 || e.Keywords.Length > 0;
        var inGiftFlow = state.LastIntent == CommerceIntents.GiftFinder || state.PendingQuestion == PendingQuestions.GiftDetails
                        || state.Slots.Gift && !state.Slots.HasProductFocus;

        if (state.PendingQuestion == PendingQuestions.GiftDetails && (giftInfo || refiners || namesProduct) && !IsService(intent))
            return CommerceIntents.GiftFinder;

        if (state.PendingQuestion == PendingQuestions.VariantChoice && (e.Sizes.Count > 0 || e.Colors.Count > 0) && !namesProduct && !IsService(intent))
            return CommerceIntents.AddToCart;

        if (intent == CommerceIntents.OutOfScope)
        {
            if (giftInfo) return CommerceIntents.GiftFinder;
            if (e.Categories.Count > 0 || namesShopProducts) return CommerceIntents.Search;
            // "a present around a hundred bucks": an amount to spend is a shopping request; the unsure guess says which.
            if (prediction.LowConfidence && e.Budget is { Max: not null } or { Min: not null }
                && prediction.Alternatives.Take(3).FirstOrDefault(a => a.Intent is CommerceIntents.GiftFinder or CommerceIntents.Search) is { } guess)
                return guess.Intent;
            if (refiners && !state.Slots.IsEmpty) return inGiftFlow ? CommerceIntents.GiftFinder : CommerceIntents.Refine;
            return intent;
        }

        if (intent is CommerceIntents.Refine or CommerceIntents.More && inGiftFlow) return CommerceIntents.GiftFinder;
        if (intent == CommerceIntents.Search && giftInfo && e.Categories.Count == 0) return CommerceIntents.GiftFinder;
        if (intent == CommerceIntents.Search && inGiftFlow && !namesProduct && refiners) return CommerceIntents.GiftFinder;
        return intent;
    }

    /// <summary>Intents that answer a question about the shop rather than look for products.</summary>
    public static bool IsService(string intent) => intent is CommerceIntents.OrderStatus or CommerceIntents.ShippingReturns
        or CommerceIntents.HumanHandoff or CommerceIntents.Stop or CommerceIntents.Greeting or CommerceIntents.Thanks or CommerceIntents.Goodbye;
}
