namespace ConversationalCommerce.Engine.Intents;

/// <summary>A merchant's own intent: a name, example sentences, and the reply to give when it is detected.</summary>
public sealed record CustomIntent(string Name, IReadOnlyList<string> Examples, string? Reply);
