using ConversationalCommerce.Engine.Intents.Classification;

namespace ConversationalCommerce.Engine.Tests.Intents;

/// <summary>
/// The classifier on its own, with label counts below, at and above one SIMD vector's width (4, 8 or 16 floats
/// depending on the CPU), so padded weight rows never leak into scores or probabilities.
/// </summary>
public class TextClassifierTests
{
    // Topic words per label; each sentence mixes a topic word into shared filler, so only the topic decides.
    private static readonly string[] Topics =
    [
        "weather", "recipe", "flight", "invoice", "guitar", "garden", "puppy", "soccer", "laptop", "dentist",
        "museum", "bicycle", "pension", "volcano", "wedding", "tractor", "chess", "yoga",
    ];

    private static readonly string[] Fillers =
    [
        "tell me about the {0} please", "i have a question on my {0}", "what do you know about {0}",
        "can you help me with the {0} today", "something about {0} again", "{0} is on my mind",
    ];

    private static List<LabeledText> Examples(int labels) =>
        Topics.Take(labels)
            .SelectMany((topic, i) => Fillers.Select(f => new LabeledText(string.Format(f, topic), $"label{i}")))
            .ToList();

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(17)]
    public void Learns_every_label_and_gives_a_proper_distribution_whatever_the_label_count(int labels)
    {
        var model = TextClassifierTrainer.Train(Examples(labels), new TrainerSettings(Epochs: 20));

        Assert.Equal(labels, model.ClassCount);
        for (var i = 0; i < labels; i++)
        {
            var probabilities = model.Predict($"a new sentence that mentions {Topics[i]} only once");
            Assert.Equal(labels, probabilities.Length);
            Assert.InRange(probabilities.Sum(), 0.9999, 1.0001);
            Assert.All(probabilities, p => Assert.InRange(p, 0, 1));
            var best = Array.IndexOf(probabilities, probabilities.Max());
            Assert.Equal($"label{i}", model.Labels[best]);
        }
    }

    [Fact]
    public void A_heavier_label_weight_pulls_unclear_sentences_towards_that_label()
    {
        var examples = Examples(4);
        var plain = TextClassifierTrainer.Train(examples, new TrainerSettings(Epochs: 20));
        var weighted = TextClassifierTrainer.Train(examples, new TrainerSettings(Epochs: 20,
            LabelWeights: new Dictionary<string, double> { ["label3"] = 8 }));

        // No topic word at all: the label the trainer was told to weigh more should gain probability.
        const string unclear = "could you tell me something";
        var index = plain.Labels.ToList().IndexOf("label3");
        Assert.True(weighted.Predict(unclear)[index] > plain.Predict(unclear)[index]);
    }

    [Fact]
    public void Concurrent_predictions_match_sequential_ones()
    {
        var model = TextClassifierTrainer.Train(Examples(17), new TrainerSettings(Epochs: 10));
        var texts = Topics.Take(17).Select(t => $"is there news about {t}").ToArray();
        var expected = texts.Select(model.Predict).ToArray();

        var mismatches = 0;
        Parallel.For(0, 2000, i =>
        {
            if (!model.Predict(texts[i % texts.Length]).SequenceEqual(expected[i % texts.Length]))
                Interlocked.Increment(ref mismatches);
        });

        Assert.Equal(0, mismatches);
    }
}
