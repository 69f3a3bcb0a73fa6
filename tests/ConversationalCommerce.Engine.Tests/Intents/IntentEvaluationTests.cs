using ConversationalCommerce.Engine.Intents.Classification;

namespace ConversationalCommerce.Engine.Tests.Intents;

/// <summary>The evaluation on a small synthetic set with an out-of-scope class, as CLINC150 has.</summary>
public class IntentEvaluationTests
{
    private static readonly string[] Topics = ["weather", "recipe", "flight", "invoice", "guitar", "garden"];

    private static readonly string[] Fillers =
    [
        "tell me about the {0} please", "i have a question on my {0}", "what do you know about {0}",
        "can you help me with the {0} today", "something about {0} again", "{0} is on my mind",
    ];

    // Training off-topic sentences in phrasing of their own, so the held-out ones below are not simply recognised.
    private static readonly string[] OffTopic =
    [
        "sing me a song", "who won the match", "how tall is mount everest", "write me a poem", "is it going to rain",
        "what is the meaning of life", "tell a joke", "how far is the moon", "who painted the mona lisa", "play jazz",
    ];

    // Held-out off-topic sentences in the in-scope sentences' own phrasing: only the unknown topic gives them away,
    // so the model is unsure rather than sure of "oos", and only a threshold catches them all.
    private static readonly string[] HeldOutOffTopic =
        new[] { "dinosaur", "taxes", "poetry", "election", "volcano" }.SelectMany(t => new[] { $"tell me about the {t} please", $"{t} is on my mind" }).ToArray();

    private static List<LabeledText> Train() =>
    [
        .. Topics.SelectMany((t, i) => Fillers.Select(f => new LabeledText(string.Format(f, t), $"label{i}"))),
        .. OffTopic.Select(t => new LabeledText(t, IntentEvaluation.DefaultOosLabel)),
    ];

    private static List<LabeledText> Test() =>
    [
        .. Topics.SelectMany((t, i) => new[] { $"any news on the {t}", $"my {t} question", $"{t}" }.Select(s => new LabeledText(s, $"label{i}"))),
        .. HeldOutOffTopic.Select(t => new LabeledText(t, IntentEvaluation.DefaultOosLabel)),
    ];

    private static readonly TrainerSettings Settings = new(Epochs: 20, L2: 1e-4,
        Members: [new FeaturizerSettings(), new FeaturizerSettings(CharMin: 1, CharMax: 4, WordWeight: 0)]);

    [Theory]
    [InlineData(0.7)]
    [InlineData(0.8)]
    [InlineData(1.0)]
    public void The_chosen_threshold_is_the_smallest_step_reaching_the_target_recall_on_the_tuning_set(double target)
    {
        var model = TextClassifierTrainer.Train(Train(), Settings);
        var tuning = Test();

        var threshold = IntentEvaluation.ChooseThreshold(model, tuning, target);
        var tuned = IntentEvaluation.RunTuned(Train(), tuning, tuning, target, Settings);

        Assert.Equal(threshold, tuned.Threshold);
        Assert.Equal(target, tuned.TargetOosRecall);
        Assert.True(tuned.OosRecall >= target, $"recall {tuned.OosRecall} at {threshold}");
        var atZero = IntentEvaluation.Run(Train(), tuning, 0, Settings).OosRecall;
        Assert.True(atZero < target, $"recall {atZero} at threshold 0"); // the threshold has work to do
        var lower = IntentEvaluation.Run(Train(), tuning, threshold - IntentEvaluation.ThresholdStep, Settings);
        Assert.True(lower.OosRecall < target, $"recall {lower.OosRecall} one step lower");
    }

    [Fact]
    public void A_higher_threshold_catches_more_off_topic_sentences_and_never_keeps_more_in_scope_ones()
    {
        var loose = IntentEvaluation.Run(Train(), Test(), 0, Settings);
        var strict = IntentEvaluation.Run(Train(), Test(), 0.9, Settings);

        Assert.Equal(2, loose.Models);
        Assert.True(strict.OosRecall > loose.OosRecall, $"oos recall {loose.OosRecall} -> {strict.OosRecall}");
        Assert.True(strict.InScopeAccuracy <= loose.InScopeAccuracy);
        Assert.Equal(loose.OosRecall!.Value, loose.ThresholdSweep[0].OosRecall, 6);
        Assert.Equal(strict.OosRecall!.Value, strict.ThresholdSweep.Single(s => s.Threshold == 0.9).OosRecall, 6);
        for (var i = 1; i < loose.ThresholdSweep.Count; i++)
        {
            Assert.True(loose.ThresholdSweep[i].OosRecall >= loose.ThresholdSweep[i - 1].OosRecall);
            Assert.True(loose.ThresholdSweep[i].InScopeAccuracy <= loose.ThresholdSweep[i - 1].InScopeAccuracy);
        }
    }

    [Fact]
    public void At_threshold_zero_a_sentence_is_out_of_scope_only_when_that_label_is_likeliest()
    {
        var model = TextClassifierTrainer.Train(Train(), Settings);
        var result = IntentEvaluation.Run(Train(), Test(), 0, Settings);
        var oosIndex = model.Labels.ToList().IndexOf(IntentEvaluation.DefaultOosLabel);

        var offTopic = Test().Where(t => t.Label == IntentEvaluation.DefaultOosLabel).ToList();
        var argmaxOos = offTopic.Count(t =>
        {
            var p = model.Predict(t.Text);
            return Array.IndexOf(p, p.Max()) == oosIndex;
        });
        Assert.Equal((double)argmaxOos / offTopic.Count, result.OosRecall!.Value, 6);
    }

    [Fact]
    public void Choosing_a_threshold_needs_out_of_scope_sentences_in_the_model_and_the_tuning_set()
    {
        var withoutOos = Train().Where(t => t.Label != IntentEvaluation.DefaultOosLabel).ToList();
        var model = TextClassifierTrainer.Train(Train(), Settings);

        Assert.Throws<ArgumentException>(() => IntentEvaluation.ChooseThreshold(TextClassifierTrainer.Train(withoutOos, Settings), Test(), 0.8));
        Assert.Throws<ArgumentException>(() => IntentEvaluation.ChooseThreshold(model, withoutOos, 0.8));
        Assert.Throws<ArgumentOutOfRangeException>(() => IntentEvaluation.ChooseThreshold(model, Test(), 1.5));
    }
}
