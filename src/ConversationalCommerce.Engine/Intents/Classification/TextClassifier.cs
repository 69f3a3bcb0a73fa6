namespace ConversationalCommerce.Engine.Intents.Classification;

/// <summary>
/// A trained text classifier: one logistic-regression model over hashed text features, or several over different
/// featurizations whose probabilities are averaged (models that read a sentence differently make different
/// mistakes, and where they disagree the average is less sure: the out-of-scope signal gets sharper). Immutable
/// once built, so any number of threads can call <see cref="Predict"/> at the same time.
/// </summary>
public sealed class TextClassifier
{
    private readonly LinearTextModel[] _members;

    internal TextClassifier(IReadOnlyList<string> labels, LinearTextModel[] members)
    {
        if (members.Length == 0) throw new ArgumentException("A classifier needs at least one model.", nameof(members));
        Labels = labels;
        _members = members;
    }

    public IReadOnlyList<string> Labels { get; }

    public int ClassCount => Labels.Count;

    /// <summary>Distinct features over all member models.</summary>
    public int FeatureCount => _members.Sum(m => m.FeatureCount);

    /// <summary>How many models vote (1 unless trained with <see cref="TrainerSettings.Members"/>).</summary>
    public int MemberCount => _members.Length;

    /// <summary>Probabilities, one per label in <see cref="Labels"/> order: the mean of the member models' softmax outputs.</summary>
    public double[] Predict(string text)
    {
        var probabilities = new double[ClassCount];
        var share = 1.0 / _members.Length;
        foreach (var member in _members) member.AddProbabilities(text, probabilities, share);
        return probabilities;
    }
}
