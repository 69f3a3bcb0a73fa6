using ConversationalCommerce.Engine.Intents.Classification;

namespace ConversationalCommerce.Engine.Tests.Intents;

public class InScopeConfidenceTests
{
    [Fact]
    public void Confidence_is_the_best_in_scope_probability_minus_the_out_of_scope_one()
    {
        double[] p = [0.1, 0.5, 0.3, 0.1];
        var (best, confidence) = InScopeConfidence.Of(p, outOfScopeIndex: 2);
        Assert.Equal(1, best);
        Assert.Equal(0.2, confidence, 12);
    }

    [Fact]
    public void When_out_of_scope_is_likeliest_the_best_in_scope_guess_is_kept_with_a_negative_confidence()
    {
        double[] p = [0.2, 0.6, 0.15, 0.05];
        var (best, confidence) = InScopeConfidence.Of(p, outOfScopeIndex: 1);
        Assert.Equal(0, best);
        Assert.Equal(-0.4, confidence, 12);
    }

    [Fact]
    public void Without_an_out_of_scope_label_the_confidence_is_the_top_probability()
    {
        double[] p = [0.2, 0.7, 0.1];
        Assert.Equal((1, 0.7), InScopeConfidence.Of(p, outOfScopeIndex: -1));
    }

    [Fact]
    public void A_model_with_only_the_out_of_scope_label_is_never_confident()
    {
        Assert.Equal((0, -1.0), InScopeConfidence.Of([1.0], outOfScopeIndex: 0));
    }
}
