using ConversationalCommerce.Engine.Entities;

namespace ConversationalCommerce.Engine.Intents;

/// <summary>Free text to a structured intent with entities. Offline: no AI key or network needed.</summary>
public interface IIntentDetector
{
    IntentPrediction Detect(Guid shopId, string text);
}

/// <param name="Alternatives">Other intents with their scores, best first (for clarifying questions).</param>
public sealed record IntentPrediction(string Intent, double Confidence, IReadOnlyList<IntentScore> Alternatives, ShopperEntities Entities);

public sealed record IntentScore(string Intent, double Score);
