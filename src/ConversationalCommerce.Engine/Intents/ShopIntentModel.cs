using ConversationalCommerce.Engine.Intents.Classification;

namespace ConversationalCommerce.Engine.Intents;

/// <summary>One shop's trained classifier and the custom intents it was trained with. Immutable: swapped whole.</summary>
public sealed record ShopIntentModel(TextClassifier Classifier, IReadOnlyDictionary<string, CustomIntent> CustomIntents, DateTimeOffset TrainedAt);
