using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Recommendations;
using ConversationalCommerce.Engine.Replies;

namespace ConversationalCommerce.Engine.Conversation.Turns;

/// <summary>
/// The gift finder: with a recipient, occasion, budget or product to go on, a small varied set; with nothing to go
/// on, one clarifying question (asked once: if the answer is still vague, popular gifts rather than a second question).
/// </summary>
public sealed class GiftResponder(GiftFinder finder) : ITurnResponder
{
    public IReadOnlyCollection<string> Intents => [CommerceIntents.GiftFinder];

    public Task<TurnAnswer> RespondAsync(Turn turn, CancellationToken cancellationToken)
    {
        var p = turn.Phrasing;
        var slots = turn.Slots with { Gift = true };
        var alreadyAsked = turn.State.PendingQuestion == PendingQuestions.GiftDetails;
        if (GiftFinder.IsTooVague(slots) && !alreadyAsked)
        {
            var question = p.Pick(
                "Happy to help you find a gift! Who is it for, and is there an occasion or a budget I should keep to?",
                "Lovely, let's find something. Who's the lucky person, and roughly what would you like to spend?",
                "I'd love to help. Who is it for, and is there an occasion or budget? I'll pick a few ideas from there.");
            var reply = new Reply
            {
                Text = question,
                QuickReplies = ["For my mom", "For my partner", "For a child", "Under $50"],
            };
            return Task.FromResult(new TurnAnswer(reply, turn.State with { Slots = slots, PendingQuestion = PendingQuestions.GiftDetails }));
        }

        var more = turn.Prediction.Intent == CommerceIntents.More;
        var offset = more ? turn.State.ResultOffset + Math.Max(turn.State.Shown.Count, BrowseResponder.PageSize) : 0;
        var result = finder.Find(slots, turn.Ranking, offset, BrowseResponder.PageSize);
        var state = turn.State with { Slots = slots, PendingQuestion = null };
        if (result.Products.Count == 0 || more || result.Relaxed.Count > 0 || result.UnknownWords.Count > 0)
            return Task.FromResult(BrowseResponder.Compose(turn with { Slots = slots }, result, state, offset, more));

        var what = SlotDescription.Describe(slots, turn.Currency);
        var intro = p.Pick($"Here are a few {what}:", $"Some {what}, each a little different:", $"I picked these {what}:");
        var lines = result.Products.Select((r, i) => $"{i + 1}. {r.Product.Title}: {Money.Format(r.Variant.Price, turn.Currency)}");
        var answer = new Reply
        {
            Text = intro + "\n" + string.Join("\n", lines),
            Products = result.Products.Select(r => ProductCardBuilder.Build(r, turn.Currency)).ToList(),
            QuickReplies = result.More ? ["Show me more", "Cheaper options", "Which one do you recommend?"] : ["Cheaper options", "Which one do you recommend?"],
        };
        return Task.FromResult(new TurnAnswer(answer, ShownProducts.Showing(state, result.Products, offset)));
    }
}
