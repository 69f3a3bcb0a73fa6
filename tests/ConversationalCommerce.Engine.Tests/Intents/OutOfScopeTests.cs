using ConversationalCommerce.Engine.Entities;
using ConversationalCommerce.Engine.Intents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Engine.Tests.Intents;

public class OutOfScopeTests(DetectorFixture fixture) : IClassFixture<DetectorFixture>
{
    [Theory]
    [InlineData("who is going to win the next election")]
    [InlineData("can you explain how black holes form")]
    [InlineData("fix this sql query for me")]
    [InlineData("tell me something funny")]
    [InlineData("qwerty zxcv")]
    public void Off_topic_messages_are_out_of_scope(string text) =>
        Assert.Equal(CommerceIntents.OutOfScope, fixture.Detector.Detect(Guid.NewGuid(), text).Intent);

    [Fact]
    public void Below_the_threshold_the_answer_is_out_of_scope_with_the_guess_first_in_alternatives()
    {
        // Same model, but a threshold nothing reaches: every answer becomes a clarifying question.
        var strict = Options.Create(new IntentOptions { ConfidenceThreshold = 0.9999 });
        var detector = new IntentDetector(fixture.Models, new ShopperEntityExtractor(), strict);

        var relaxed = fixture.Detector.Detect(Guid.Empty, "do you have wool socks");
        var unsure = detector.Detect(Guid.Empty, "do you have wool socks");

        Assert.Equal(CommerceIntents.Search, relaxed.Intent);
        Assert.False(relaxed.LowConfidence);
        Assert.Equal(CommerceIntents.OutOfScope, unsure.Intent);
        Assert.True(unsure.LowConfidence);
        Assert.Equal(CommerceIntents.Search, unsure.Alternatives[0].Intent);
        Assert.Equal(relaxed.Confidence, unsure.Confidence);
    }

    [Fact]
    public void Threshold_is_bound_from_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Intents:ConfidenceThreshold"] = "0.7", ["Intents:MaxAlternatives"] = "5" })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddIntentDetection(configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<IntentOptions>>().Value;
        Assert.Equal(0.7, options.ConfidenceThreshold);
        Assert.Equal(5, options.MaxAlternatives);
        Assert.IsType<IntentDetector>(provider.GetRequiredService<IIntentDetector>());
    }

    [Fact]
    public void A_threshold_outside_zero_to_one_is_rejected()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Intents:ConfidenceThreshold"] = "1.5" })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddIntentDetection(configuration);
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<IntentOptions>>().Value);
        Assert.Contains("ConfidenceThreshold", error.Message);
    }
}
