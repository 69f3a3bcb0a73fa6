using ConversationalCommerce.Engine.Intents.Classification;

namespace ConversationalCommerce.Engine.Tests.Semantics;

/// <summary>A classifier member with the semantic block recognises synonyms its training sentences never used.</summary>
public class SemanticClassifierTests
{
    private static readonly LabeledText[] Training =
    [
        new("show me cheap ones", "price"), new("something cheap please", "price"), new("i want a cheap gift", "price"), new("any cheap options", "price"),
        new("is it raining", "weather"), new("will it rain tomorrow", "weather"), new("rain forecast for today", "weather"), new("is rain coming", "weather"),
        new("play a song", "music"), new("put on a song", "music"), new("i want to hear a song", "music"), new("play my favourite song", "music"),
        new("i am hungry", "food"), new("order a pizza", "food"), new("get me a pizza", "food"), new("pizza for dinner", "food"),
    ];

    // Words no training sentence has.
    private static readonly LabeledText[] Synonyms =
    [
        new("anything inexpensive", "price"), new("affordable stuff", "price"), new("will there be a storm", "weather"),
        new("is it going to snow", "weather"), new("some music", "music"), new("a tune by the beatles", "music"),
        new("a burger", "food"), new("sushi", "food"),
    ];

    private static readonly FeaturizerSettings Member = new(CharMin: 2, CharMax: 5, Stems: true, SemanticWeight: 1);

    private static int Correct(TextClassifier model) =>
        Synonyms.Count(s => model.Labels[Array.IndexOf(model.Predict(s.Text), model.Predict(s.Text).Max())] == s.Label);

    [Fact]
    public async Task Semantic_member_recognises_synonyms_the_sparse_member_cannot()
    {
        var table = await PackagedTable.GetAsync();
        var settings = new TrainerSettings(Epochs: 30, Seed: 5, Features: Member);

        var semantic = TextClassifierTrainer.Train(Training, settings with { Semantics = table });
        var sparse = TextClassifierTrainer.Train(Training, settings with { Features = Member with { SemanticWeight = 0 } });

        Assert.Equal(sparse.FeatureCount + table.Dimensions, semantic.FeatureCount);
        var (withTable, without) = (Correct(semantic), Correct(sparse));
        Assert.True(withTable >= 6 && withTable > without, $"semantic {withTable}/{Synonyms.Length}, sparse {without}/{Synonyms.Length}");
        Assert.All(Training, t => Assert.InRange(semantic.Predict(t.Text).Sum(), 0.9999, 1.0001));
    }

    [Fact]
    public void Without_a_table_a_semantic_member_is_the_sparse_model()
    {
        var settings = new TrainerSettings(Epochs: 20, Seed: 5);

        var noTable = TextClassifierTrainer.Train(Training, settings with { Features = Member, Semantics = null });
        var sparse = TextClassifierTrainer.Train(Training, settings with { Features = Member with { SemanticWeight = 0 } });

        Assert.Equal(sparse.FeatureCount, noTable.FeatureCount);
        foreach (var probe in Synonyms.Concat(Training))
            Assert.Equal(sparse.Predict(probe.Text), noTable.Predict(probe.Text));
    }

    [Fact]
    public async Task Semantic_ensemble_is_deterministic_and_threads_predict_the_same()
    {
        var table = await PackagedTable.GetAsync();
        var settings = new TrainerSettings(Epochs: 15, Seed: 9, Semantics: table,
            Members: [Member, new FeaturizerSettings(CharMin: 1, CharMax: 4, WordWeight: 0, SemanticWeight: 1)]);

        var first = TextClassifierTrainer.Train(Training, settings);
        var again = TextClassifierTrainer.Train(Training, settings);
        var expected = Synonyms.Select(s => first.Predict(s.Text)).ToArray();

        Assert.Equal(expected, Synonyms.Select(s => again.Predict(s.Text)).ToArray());
        var parallel = new double[Synonyms.Length][];
        Parallel.For(0, 64, i => parallel[i % Synonyms.Length] = first.Predict(Synonyms[i % Synonyms.Length].Text));
        Assert.Equal(expected, parallel);
    }
}
