using ConversationalCommerce.Engine.Intents;

namespace ConversationalCommerce.Engine.Tests.Intents;

public class ConcurrentDetectionTests(DetectorFixture fixture) : IClassFixture<DetectorFixture>
{
    [Fact]
    public async Task Concurrent_detect_calls_give_the_same_answers_as_sequential_ones()
    {
        string[] messages =
        [
            "do you have linen shirts", "gift for my dad under $40", "where is my order", "the second one", "thanks!",
            "is the medium in stock", "compare these two", "stop", "what's the weather", "show me more",
        ];
        var expected = messages.ToDictionary(m => m, m => fixture.Detector.Detect(Guid.Empty, m));

        var tasks = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            var mismatches = 0;
            for (var i = 0; i < 500; i++)
            {
                var text = messages[(i + worker) % messages.Length];
                var p = fixture.Detector.Detect(Guid.Empty, text);
                if (p.Intent != expected[text].Intent || !p.Confidence.Equals(expected[text].Confidence) ||
                    p.Entities.Budget != expected[text].Entities.Budget || p.Entities.Keywords != expected[text].Entities.Keywords)
                    mismatches++;
            }
            return mismatches;
        }));
        var results = await Task.WhenAll(tasks);
        Assert.All(results, r => Assert.Equal(0, r));
    }

    [Fact]
    public async Task Concurrent_first_use_trains_the_builtin_model_once()
    {
        var fresh = new DetectorFixture();
        var models = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => fresh.Models.BuiltIn)));
        Assert.All(models, m => Assert.Same(models[0], m));
    }
}
