using ConversationalCommerce.Engine.Conversation.State;
using ConversationalCommerce.Engine.Replies;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Llm;

/// <summary>
/// The conversation state belongs to the offline engine: the LLM mode keeps what the offline engine computed for
/// this turn (slots, flags, turn count) and records which products the LLM reply showed, so "the second one"
/// resolves against what the shopper actually saw, in either mode.
/// </summary>
internal static class LlmState
{
    public static string AfterReply(string previousStateJson, string offlineStateJson, Reply reply)
    {
        // The offline reply was not sent: neither the question it asked nor the products it listed reached the shopper.
        var state = ConversationStateJson.Read(offlineStateJson) with { PendingQuestion = null };
        if (reply.Products.Count == 0)
        {
            var before = ConversationStateJson.Read(previousStateJson);
            return ConversationStateJson.Write(state with
            {
                Shown = before.Shown, ResultOffset = before.ResultOffset, FocusProductId = before.FocusProductId,
            });
        }
        return ConversationStateJson.Write(state with
        {
            Shown = [.. reply.Products.Select(c => new ShownProduct(c.ProductId, c.SelectedVariantId, c.Title, c.Price))],
            ResultOffset = 0,
            FocusProductId = reply.Products.Count == 1 ? reply.Products[0].ProductId : state.FocusProductId,
        });
    }

    /// <summary>The products shown last, as "title (id …)", still in the catalog, for the model to resolve "the second one".</summary>
    public static IReadOnlyList<string> ShownLast(string stateJson, ICatalogSearch catalog, Guid shopId) =>
        [.. ConversationStateJson.Read(stateJson).Shown
            .Where(s => catalog.Get(shopId, s.ProductId) is not null)
            .Select(s => $"{s.Title} (id {s.ProductId})")];
}
