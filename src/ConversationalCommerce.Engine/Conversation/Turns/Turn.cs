using ConversationalCommerce.Engine.Context;
using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Recommendations;
using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Engine.Conversation.Turns;

/// <summary>Everything a responder needs for one turn: what was said, what was understood, what is remembered, who the shop and shopper are.</summary>
public sealed record Turn(
    TurnContext Context,
    IntentPrediction Prediction,
    string Intent,
    ConversationState State,
    ShoppingSlots Slots,
    IReadOnlyList<ReferencedProduct> Referenced,
    ShopProfile Shop,
    RankingContext Ranking,
    Phrasing Phrasing)
{
    public Guid ShopId => Context.ShopId;
    public string Currency => Shop.Currency;
    public string Text => Context.Text;

    /// <summary>
    /// The products the message points at, else the product in focus, else nothing. A pointer that matched nothing
    /// ("the second one" after a single product) is not quietly read as the focus: the caller asks which one.
    /// </summary>
    public IReadOnlyList<ReferencedProduct> Targets(Search.ICatalogSearch catalog)
    {
        if (Referenced.Count > 0) return Referenced;
        if (PointsAtNothingShown) return [];
        return ReferenceResolver.Focus(ShopId, State, catalog) is { } focus ? [focus] : [];
    }

    /// <summary>"the second one" when fewer were shown: a pointer that resolved to nothing.</summary>
    public bool PointsAtNothingShown => Referenced.Count == 0 && Prediction.Entities.References.Any(r => r.Kind == Entities.ReferenceKind.Ordinal);
}

/// <summary>A responder's answer: the reply (without intent and entities; the engine adds them) and the state to remember.</summary>
public sealed record TurnAnswer(Reply Reply, ConversationState State);

/// <summary>Answers one family of intents.</summary>
public interface ITurnResponder
{
    /// <summary>The (routed) intents this responder answers.</summary>
    IReadOnlyCollection<string> Intents { get; }

    Task<TurnAnswer> RespondAsync(Turn turn, CancellationToken cancellationToken);
}
