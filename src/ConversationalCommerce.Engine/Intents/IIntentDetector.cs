using ConversationalCommerce.Engine.Entities;

namespace ConversationalCommerce.Engine.Intents;

/// <summary>Free text to a structured intent with entities. Offline: no AI key or network needed.</summary>
public interface IIntentDetector
{
    IntentPrediction Detect(Guid shopId, string text);
}

/// <param name="Confidence">The classifier's probability for its best intent (softmax), 1 for rule-based answers such as STOP.</param>
/// <param name="Alternatives">Other intents with their scores, best first (for clarifying questions).</param>
public sealed record IntentPrediction(string Intent, double Confidence, IReadOnlyList<IntentScore> Alternatives, ShopperEntities Entities)
{
    /// <summary>
    /// The best guess was under the confidence threshold, so Intent is out_of_scope and Alternatives[0] is the guess:
    /// ask a clarifying question ("did you mean ...?") rather than act.
    /// </summary>
    public bool LowConfidence { get; init; }

    /// <summary>For a merchant's custom intent: the reply text the merchant wrote for it.</summary>
    public string? Reply { get; init; }
}

public sealed record IntentScore(string Intent, double Score);
