using ConversationalCommerce.Engine.Intents;

namespace ConversationalCommerce.Engine.Tests.Intents;

/// <summary>Held-out paraphrases: none of these sentences is in CommerceIntents.tsv (checked below).</summary>
public class BuiltInIntentTests(DetectorFixture fixture) : IClassFixture<DetectorFixture>
{
    public static TheoryData<string, string> HeldOut => new()
    {
        { "have you got any wool socks", CommerceIntents.Search },
        { "i'm searching for a linen tablecloth", CommerceIntents.Search },
        { "do you sell water bottles", CommerceIntents.Search },
        { "show me some rings", CommerceIntents.Search },
        { "what should i buy my girlfriend for christmas", CommerceIntents.GiftFinder },
        { "gift ideas for my grandpa under 30", CommerceIntents.GiftFinder },
        { "i need a birthday present for my niece", CommerceIntents.GiftFinder },
        { "looking for a present for a colleague who is leaving", CommerceIntents.GiftFinder },
        { "how is the first one different from the second", CommerceIntents.Compare },
        { "compare the black and the white one", CommerceIntents.Compare },
        { "what's the difference between the two candles", CommerceIntents.Compare },
        { "which one would you choose", CommerceIntents.RecommendOne },
        { "which of these do you recommend", CommerceIntents.RecommendOne },
        { "so which should i go with", CommerceIntents.RecommendOne },
        { "what is the material of the scarf", CommerceIntents.ProductQuestion },
        { "can i put the mug in the dishwasher", CommerceIntents.ProductQuestion },
        { "how long are the sleeves", CommerceIntents.ProductQuestion },
        { "is the large in stock", CommerceIntents.Availability },
        { "do you still have the green one", CommerceIntents.Availability },
        { "when is it coming back in stock", CommerceIntents.Availability },
        { "how much does it cost", CommerceIntents.PriceDiscount },
        { "do you have a discount code", CommerceIntents.PriceDiscount },
        { "is anything on sale", CommerceIntents.PriceDiscount },
        { "where's my package", CommerceIntents.OrderStatus },
        { "my order still hasn't shipped", CommerceIntents.OrderStatus },
        { "can you track order 4431", CommerceIntents.OrderStatus },
        { "how long will delivery take", CommerceIntents.ShippingReturns },
        { "can i send it back if i don't like it", CommerceIntents.ShippingReturns },
        { "do you ship to ireland", CommerceIntents.ShippingReturns },
        { "put the first one in my cart", CommerceIntents.AddToCart },
        { "i'll buy the grey one", CommerceIntents.AddToCart },
        { "add two to my basket", CommerceIntents.AddToCart },
        { "i want to talk to a real human", CommerceIntents.HumanHandoff },
        { "can i speak with customer support", CommerceIntents.HumanHandoff },
        { "hey hi", CommerceIntents.Greeting },
        { "good morning!", CommerceIntents.Greeting },
        { "thanks so much", CommerceIntents.Thanks },
        { "thank you, very helpful", CommerceIntents.Thanks },
        { "bye now", CommerceIntents.Goodbye },
        { "ok that's all for today", CommerceIntents.Goodbye },
        { "STOP sending me these", CommerceIntents.Stop },
        { "unsubscribe please", CommerceIntents.Stop },
        { "please remove me from your messages", CommerceIntents.Stop },
        { "who won the game last night", CommerceIntents.OutOfScope },
        { "write me a function in java", CommerceIntents.OutOfScope },
        { "what's the weather in london", CommerceIntents.OutOfScope },
        { "something under 25", CommerceIntents.Refine },
        { "in red?", CommerceIntents.Refine },
        { "what about size small", CommerceIntents.Refine },
        { "any cheaper ones", CommerceIntents.Refine },
        { "show me a few more", CommerceIntents.More },
        { "what other ones do you have", CommerceIntents.More },
        { "more of those please", CommerceIntents.More },
    };

    [Theory]
    [MemberData(nameof(HeldOut))]
    public void Detects_each_intent_family_on_unseen_paraphrases(string text, string intent)
    {
        var prediction = fixture.Detector.Detect(Guid.NewGuid(), text);
        Assert.Equal(intent, prediction.Intent);
    }

    [Fact]
    public void Held_out_sentences_are_not_training_sentences()
    {
        var training = BuiltInIntentExamples.All.Select(e => e.Text.ToLowerInvariant()).ToHashSet();
        var leaked = HeldOut.Select(row => (string)row[0]).Where(t => training.Contains(t.ToLowerInvariant())).ToList();
        Assert.Empty(leaked);
    }

    [Fact]
    public void Every_builtin_intent_has_enough_training_examples()
    {
        var counts = BuiltInIntentExamples.All.GroupBy(e => e.Label).ToDictionary(g => g.Key, g => g.Count());
        foreach (var intent in CommerceIntents.All)
            Assert.True(counts.GetValueOrDefault(intent) >= 40, $"{intent} has {counts.GetValueOrDefault(intent)} examples");
    }

    [Fact]
    public void Prediction_carries_confidence_alternatives_and_entities()
    {
        var prediction = fixture.Detector.Detect(Guid.NewGuid(), "a birthday gift for my mom under $50");
        Assert.Equal(CommerceIntents.GiftFinder, prediction.Intent);
        Assert.InRange(prediction.Confidence, fixture.Options.Value.ConfidenceThreshold, 1.0);
        Assert.Equal(fixture.Options.Value.MaxAlternatives, prediction.Alternatives.Count);
        Assert.DoesNotContain(prediction.Alternatives, a => a.Intent == prediction.Intent);
        Assert.True(prediction.Alternatives.Zip(prediction.Alternatives.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.All(prediction.Alternatives, a => Assert.True(a.Score <= prediction.Confidence));
        Assert.Equal("mom", prediction.Entities.Recipient);
        Assert.Equal("birthday", prediction.Entities.Occasion);
        Assert.Equal(50m, prediction.Entities.Budget?.Max);
    }

    [Fact]
    public void Probabilities_of_the_answer_and_alternatives_never_exceed_one()
    {
        var prediction = fixture.Detector.Detect(Guid.NewGuid(), "show me mugs");
        Assert.InRange(prediction.Confidence + prediction.Alternatives.Sum(a => a.Score), 0, 1.0001);
    }

    [Theory]
    [InlineData("Stop")]
    [InlineData("  STOP!  ")]
    [InlineData("opt-out")]
    [InlineData("UNSUBSCRIBE")]
    public void Opt_out_keywords_are_always_stop_with_full_confidence(string text)
    {
        var prediction = fixture.Detector.Detect(Guid.NewGuid(), text);
        Assert.Equal(CommerceIntents.Stop, prediction.Intent);
        Assert.Equal(1.0, prediction.Confidence);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_messages_are_out_of_scope(string text)
    {
        var prediction = fixture.Detector.Detect(Guid.NewGuid(), text);
        Assert.Equal(CommerceIntents.OutOfScope, prediction.Intent);
        Assert.True(prediction.LowConfidence);
    }

    [Fact]
    public void The_same_examples_and_seed_train_the_same_model()
    {
        var again = new DetectorFixture();
        foreach (var text in new[] { "do you have red mugs", "where is my order", "blah blah" })
            Assert.Equal(fixture.Detector.Detect(Guid.Empty, text), again.Detector.Detect(Guid.Empty, text), new PredictionComparer());
    }

    private sealed class PredictionComparer : IEqualityComparer<IntentPrediction>
    {
        public bool Equals(IntentPrediction? x, IntentPrediction? y) =>
            x!.Intent == y!.Intent && x.Confidence.Equals(y.Confidence) && x.Alternatives.SequenceEqual(y.Alternatives);

        public int GetHashCode(IntentPrediction obj) => obj.Intent.GetHashCode();
    }
}
