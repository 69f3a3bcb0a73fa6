using ConversationalCommerce.Engine.Intents.Classification;

namespace ConversationalCommerce.Engine.Intents;

/// <summary>The team-written training sentences for <see cref="CommerceIntents"/>, shipped as CommerceIntents.tsv.</summary>
public static class BuiltInIntentExamples
{
    private static readonly Lazy<IReadOnlyList<LabeledText>> Examples = new(Load);

    public static IReadOnlyList<LabeledText> All => Examples.Value;

    private static IReadOnlyList<LabeledText> Load()
    {
        var assembly = typeof(BuiltInIntentExamples).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("CommerceIntents.tsv", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var examples = LabeledTextFile.Parse(reader.ReadToEnd(), name);
        var unknown = examples.Select(e => e.Label).Distinct().Where(l => !CommerceIntents.IsBuiltIn(l)).ToList();
        if (unknown.Count > 0) throw new InvalidDataException($"{name} has labels that are not built-in intents: {string.Join(", ", unknown)}");
        return examples;
    }
}
