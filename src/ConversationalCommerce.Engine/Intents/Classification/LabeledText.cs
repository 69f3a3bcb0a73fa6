namespace ConversationalCommerce.Engine.Intents.Classification;

public sealed record LabeledText(string Text, string Label);
