using ConversationalCommerce.Engine.Intents.Classification;

namespace ConversationalCommerce.Engine.Tests.Intents;

/// <summary>A classifier trained with several featurizations averages the models each would give alone.</summary>
public class ClassifierEnsembleTests
{
    private static readonly string[] Topics = ["weather", "recipe", "flight", "invoice", "guitar", "garden", "puppy", "soccer", "laptop"];

    private static readonly string[] Fillers =
    [
        "tell me about the {0} please", "i have a question on my {0}", "what do you know about {0}",
        "can you help me with the {0} today", "something about {0} again", "{0} is on my mind",
    ];

    private static readonly FeaturizerSettings[] Members =
    [
        new(CharMin: 2, CharMax: 5, CrossWordMax: 5, Stems: true, WordPairs: true),
        new(CharMin: 1, CharMax: 4, WordWeight: 0),
    ];

    private static List<LabeledText> Examples() =>
        Topics.SelectMany((topic, i) => Fillers.Select(f => new LabeledText(string.Format(f, topic), $"label{i}"))).ToList();

    private static readonly string[] Probes =
        ["a new sentence that mentions guitar only once", "my garden again", "could you tell me something", "wetaher forecast", "puppies"];

    [Fact]
    public void Ensemble_probabilities_are_the_mean_of_its_members_trained_alone()
    {
        var settings = new TrainerSettings(Epochs: 15, Seed: 7);
        var ensemble = TextClassifierTrainer.Train(Examples(), settings with { Members = Members });
        var alone = Members.Select(m => TextClassifierTrainer.Train(Examples(), settings with { Features = m })).ToArray();

        Assert.Equal(2, ensemble.MemberCount);
        Assert.Equal(alone.Sum(m => m.FeatureCount), ensemble.FeatureCount);
        foreach (var probe in Probes)
        {
            var mean = new double[ensemble.ClassCount];
            foreach (var model in alone)
            {
                var p = model.Predict(probe);
                for (var c = 0; c < mean.Length; c++) mean[c] += p[c] / alone.Length;
            }
            var actual = ensemble.Predict(probe);
            Assert.InRange(actual.Sum(), 0.9999, 1.0001);
            for (var c = 0; c < mean.Length; c++) Assert.Equal(mean[c], actual[c], 1e-12);
        }
    }

    [Fact]
    public void Ensemble_training_is_deterministic_for_a_seed_and_differs_across_seeds()
    {
        var first = TextClassifierTrainer.Train(Examples(), new TrainerSettings(Epochs: 10, Seed: 3, Members: Members));
        var again = TextClassifierTrainer.Train(Examples(), new TrainerSettings(Epochs: 10, Seed: 3, Members: Members));
        var other = TextClassifierTrainer.Train(Examples(), new TrainerSettings(Epochs: 10, Seed: 4, Members: Members));

        foreach (var probe in Probes)
            Assert.Equal(first.Predict(probe), again.Predict(probe));
        Assert.Contains(Probes, probe => !first.Predict(probe).SequenceEqual(other.Predict(probe)));
    }

    [Fact]
    public void Ensemble_still_learns_every_label()
    {
        var model = TextClassifierTrainer.Train(Examples(), new TrainerSettings(Epochs: 20, Members: Members));
        for (var i = 0; i < Topics.Length; i++)
        {
            var p = model.Predict($"one more line about a {Topics[i]}");
            Assert.Equal($"label{i}", model.Labels[Array.IndexOf(p, p.Max())]);
        }
    }

    [Fact]
    public void A_character_only_member_reads_misspelt_topics_a_word_only_member_cannot()
    {
        // "gitar" shares no word with the training set, only character n-grams with "guitar".
        var characters = TextClassifierTrainer.Train(Examples(), new TrainerSettings(Epochs: 20, Features: new FeaturizerSettings(WordWeight: 0)));
        var words = TextClassifierTrainer.Train(Examples(), new TrainerSettings(Epochs: 20, Features: new FeaturizerSettings(CharWeight: 0)));
        var guitar = characters.Labels.ToList().IndexOf("label4");

        var fromCharacters = characters.Predict("gitar");
        var fromWords = words.Predict("gitar");
        Assert.Equal(guitar, Array.IndexOf(fromCharacters, fromCharacters.Max()));
        Assert.InRange(fromWords.Max() - fromWords.Min(), 0, 0.05); // no known feature: close to the prior
        Assert.True(characters.FeatureCount < TextClassifierTrainer.Train(Examples(), new TrainerSettings(Epochs: 1)).FeatureCount);
    }
}
