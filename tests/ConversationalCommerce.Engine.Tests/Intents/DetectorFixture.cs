using ConversationalCommerce.Engine.Entities;
using ConversationalCommerce.Engine.Intents;
using ConversationalCommerce.Engine.Semantics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Engine.Tests.Intents;

/// <summary>One detector with the real built-in model, trained once per test class.</summary>
public sealed class DetectorFixture
{
    public DetectorFixture()
    {
        Options = Microsoft.Extensions.Options.Options.Create(new IntentOptions());
        Models = new IntentModelStore(Options, new StaticEmbeddingTableSource(new SemanticOptions()), TimeProvider.System, NullLogger<IntentModelStore>.Instance);
        Detector = new IntentDetector(Models, new ShopperEntityExtractor(), Options);
    }

    public IOptions<IntentOptions> Options { get; }
    public IntentModelStore Models { get; }
    public IntentDetector Detector { get; }
}
