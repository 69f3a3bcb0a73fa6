using System.Collections.Concurrent;
using ConversationalCommerce.Engine.Intents.Classification;
using ConversationalCommerce.Engine.Semantics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Engine.Intents;

/// <summary>
/// The trained models: one built-in model shared by every shop without custom intents, and one per shop that has
/// some. Training happens off to the side and the finished model replaces the old one in a single reference swap,
/// so readers never see a half-trained model.
/// </summary>
public sealed class IntentModelStore
{
    private readonly ConcurrentDictionary<Guid, ShopIntentModel> _shopModels = new();
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _trainingGates = new();
    private readonly Lazy<ShopIntentModel> _builtIn;
    private readonly IntentOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<IntentModelStore> _logger;

    private readonly StaticEmbeddingTableSource _tables;

    public IntentModelStore(IOptions<IntentOptions> options, StaticEmbeddingTableSource tables, TimeProvider time, ILogger<IntentModelStore> logger)
    {
        _tables = tables;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _builtIn = new Lazy<ShopIntentModel>(() => Build([]), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The built-in model (trained on first use, or at start-up by the warm-up).</summary>
    public ShopIntentModel BuiltIn => _builtIn.Value;

    /// <summary>The shop's own model if it has custom intents, else the built-in one.</summary>
    public ShopIntentModel For(Guid shopId) => _shopModels.TryGetValue(shopId, out var model) ? model : BuiltIn;

    /// <summary>
    /// Trains the shop's model from the built-in examples plus its custom intents and swaps it in; with no custom
    /// intents the shop goes back to the shared built-in model. Runs on the thread pool; one training per shop at a time.
    /// </summary>
    public async Task RetrainAsync(Guid shopId, IReadOnlyList<CustomIntent> customIntents, CancellationToken cancellationToken)
    {
        var gate = _trainingGates.GetOrAdd(shopId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (customIntents.Count == 0)
            {
                _shopModels.TryRemove(shopId, out _);
                return;
            }
            var model = await Task.Run(() => Build(customIntents, cancellationToken), cancellationToken);
            _shopModels[shopId] = model;
            _logger.LogInformation("Intent model for shop {ShopId} retrained with {CustomIntents} custom intents", shopId, customIntents.Count);
        }
        finally
        {
            gate.Release();
        }
    }

    private ShopIntentModel Build(IReadOnlyList<CustomIntent> customIntents, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var examples = new List<LabeledText>(BuiltInIntentExamples.All);
        foreach (var intent in customIntents)
            examples.AddRange(intent.Examples.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => new LabeledText(e, intent.Name)));
        // The table is cached after the first start (milliseconds to load); null when the model is unavailable, and
        // the model then trains on its sparse blocks alone. Blocking is fine: training already runs off the request path.
        var table = _tables.GetAsync(cancellationToken).GetAwaiter().GetResult();
        var classifier = TextClassifierTrainer.Train(examples,
            IntentOptions.ShopTrainer with { Seed = _options.Seed, Semantics = table, LabelWeights = MerchantIntentWeights(examples, customIntents) },
            cancellationToken);
        _logger.LogDebug("Trained intent model on {Examples} examples in {Elapsed} ms", examples.Count, _time.GetElapsedTime(started).TotalMilliseconds);
        return new ShopIntentModel(classifier, customIntents.ToDictionary(i => i.Name, StringComparer.Ordinal), _time.GetUtcNow());
    }

    /// <summary>
    /// A merchant's intent comes with a handful of examples against about fifty for each built-in one; unweighted,
    /// its confidence stays low and the shopper gets "did you mean". Each of its examples counts as many times as it
    /// takes to match a typical built-in intent, at most <see cref="MaxMerchantWeight"/>.
    /// </summary>
    private static Dictionary<string, double>? MerchantIntentWeights(List<LabeledText> examples, IReadOnlyList<CustomIntent> customIntents)
    {
        if (customIntents.Count == 0) return null;
        var counts = examples.GroupBy(e => e.Label, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var builtIn = counts.Where(c => CommerceIntents.IsBuiltIn(c.Key)).Select(c => c.Value).Order().ToList();
        var typical = builtIn.Count > 0 ? builtIn[builtIn.Count / 2] : 1;
        return customIntents.Where(i => counts.ContainsKey(i.Name))
            .ToDictionary(i => i.Name, i => Math.Clamp((double)typical / counts[i.Name], 1, MaxMerchantWeight), StringComparer.Ordinal);
    }

    private const double MaxMerchantWeight = 8;
}
