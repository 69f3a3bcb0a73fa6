using ConversationalCommerce.Engine.Context;
using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Conversation.Turns;
using ConversationalCommerce.Engine.Entities;
using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Recommendations;
using ConversationalCommerce.Engine.Replies;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Conversation;

/// <summary>
/// The offline brain: intent and entities from the shop's classifier, slots carried over from earlier turns,
/// references resolved against what was shown, then the responder for the intent. No network, no AI key.
/// </summary>
public sealed class OfflineTurnEngine(
    IIntentDetector detector,
    ICatalogSearch catalog,
    IShopProfileSource shops,
    IPurchaseStatsSource purchases,
    ICustomerProfileSource customers,
    IEnumerable<ITurnResponder> responders) : ITurnEngine, IUsesHistory
{
    /// <summary>Ranking may use a customer profile this old; an order-status answer always reads it fresh.</summary>
    private static readonly TimeSpan CustomerProfileMaxAge = TimeSpan.FromSeconds(30);

    /// <summary>The offline engine works from the conversation state alone.</summary>
    public int HistoryMessages => 0;

    private readonly Dictionary<string, ITurnResponder> _byIntent = responders
        .SelectMany(r => r.Intents.Select(i => (Intent: i, Responder: r)))
        .ToDictionary(x => x.Intent, x => x.Responder, StringComparer.Ordinal);

    public async Task<TurnOutcome> RespondAsync(TurnContext context, CancellationToken cancellationToken)
    {
        await catalog.EnsureLoadedAsync(context.ShopId, cancellationToken);
        var state = ConversationStateJson.Read(context.StateJson);
        var prediction = detector.Detect(context.ShopId, context.Text);
        // "sacrf" is searched as the catalog's "scarf" anyway; the reply and the thread should say "scarf" too.
        if (prediction.Entities.Keywords.Length > 0 && catalog.Spelled(context.ShopId, prediction.Entities.Keywords) is var spelled
            && spelled != prediction.Entities.Keywords)
            prediction = prediction with { Entities = prediction.Entities with { Keywords = spelled } };
        var intent = IntentRouting.Route(prediction, state, NamesProducts(context.ShopId, prediction));

        var shop = await shops.GetAsync(context.ShopId, cancellationToken) ?? ShopProfile.Default(context.ShopId);
        var stats = await purchases.GetAsync(context.ShopId, cancellationToken);
        var customer = context.CustomerId is not { } customerId ? null
            : intent == CommerceIntents.OrderStatus ? await customers.GetAsync(context.ShopId, customerId, cancellationToken)
            : await customers.GetRecentAsync(context.ShopId, customerId, CustomerProfileMaxAge, cancellationToken);

        var referenced = ReferenceResolver.Resolve(context.ShopId, state, prediction.Entities.References, catalog);
        var slots = Updates(intent)
            ? SlotMerger.Merge(state.Slots, WithoutReferenceNouns(prediction.Entities, referenced), intent == CommerceIntents.GiftFinder, state.Shown)
            : state.Slots;
        var turn = new Turn(context, prediction, intent, state, slots, referenced, shop,
            new RankingContext(context.ShopId, shop.Currency, stats, customer), new Phrasing(context.ConversationId, state.Turn));

        var answer = await ResponderFor(intent).RespondAsync(turn, cancellationToken);
        var reply = answer.Reply with
        {
            Intent = intent,
            Confidence = prediction.Confidence,
            Entities = EntitySummary.Of(prediction.Entities),
        };
        var next = answer.State with { Turn = state.Turn + 1, LastIntent = Family(intent, state) };
        return new TurnOutcome(reply, ConversationStateJson.Write(next));
    }

    private ITurnResponder ResponderFor(string intent)
    {
        if (_byIntent.TryGetValue(intent, out var responder)) return responder;
        // A merchant's custom intent answers with the merchant's text; anything else unhandled asks to clarify.
        return !CommerceIntents.IsBuiltIn(intent) ? _byIntent[CustomIntentResponder.Key] : _byIntent[CommerceIntents.OutOfScope];
    }

    /// <summary>Which intents change what the shopper is looking for.</summary>
    /// <summary>A short unsure message made only of words the shop names its products with ("anything vegan?", "electronics").</summary>
    private bool NamesProducts(Guid shopId, IntentPrediction prediction) =>
        prediction is { LowConfidence: true, Entities.Keywords.Length: > 0 }
        && prediction.Entities.Keywords.Split(' ').Length <= IntentRouting.ShortRequestWords
        && catalog.NamesProducts(shopId, prediction.Entities.Keywords);

    private static bool Updates(string intent) => intent is CommerceIntents.Search or CommerceIntents.Refine or CommerceIntents.More
        or CommerceIntents.GiftFinder or CommerceIntents.RecommendOne or CommerceIntents.Compare;

    /// <summary>"that mug" names a shown product, not a new search for mugs.</summary>
    private static ShopperEntities WithoutReferenceNouns(ShopperEntities entities, IReadOnlyList<ReferencedProduct> referenced) =>
        referenced.Count == 0 ? entities : entities with { Categories = [], Keywords = "", Colors = [] };

    /// <summary>"more" continues whatever list was showing, so remember the list's family, not "more".</summary>
    private static string Family(string intent, ConversationState state) =>
        intent == CommerceIntents.More ? state.LastIntent ?? CommerceIntents.Search : intent;
}
