using System.Text.RegularExpressions;
using ConversationalCommerce.Engine.Entities;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Engine.Intents;

/// <summary>
/// Classifies a shopper message with the shop's model and extracts its entities. Below the confidence threshold
/// (or when the model itself says out_of_scope) the answer is out_of_scope with the guesses in Alternatives, so
/// the conversation asks a clarifying question instead of acting on a guess. Thread-safe; no I/O.
/// </summary>
public sealed class IntentDetector(IntentModelStore models, IShopperEntityExtractor entities, IOptions<IntentOptions> options) : IIntentDetector
{
    // Opt-out keywords are honoured whatever the model thinks: messaging rules require it.
    private static readonly Regex OptOut = new(
        @"^\W*(?:stop(?:\s+all)?|unsubscribe|unsub|opt[\s-]?out|stop\s+(?:messaging|texting|sending)(?:\s+me)?)\W*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public IntentPrediction Detect(Guid shopId, string text)
    {
        text ??= "";
        var extracted = entities.Extract(shopId, text);
        if (string.IsNullOrWhiteSpace(text))
            return new IntentPrediction(CommerceIntents.OutOfScope, 0, [], extracted) { LowConfidence = true };
        if (OptOut.IsMatch(text))
            return new IntentPrediction(CommerceIntents.Stop, 1, [], extracted);

        var model = models.For(shopId);
        var probabilities = model.Classifier.Predict(text);
        var labels = model.Classifier.Labels;
        var ranked = Enumerable.Range(0, labels.Count).OrderByDescending(i => probabilities[i]).ToArray();
        var best = ranked[0];
        var settings = options.Value;
        var lowConfidence = probabilities[best] < settings.ConfidenceThreshold;
        var intent = lowConfidence ? CommerceIntents.OutOfScope : labels[best];
        var alternatives = ranked
            .Where(i => labels[i] != intent)
            .Take(settings.MaxAlternatives)
            .Select(i => new IntentScore(labels[i], Math.Round(probabilities[i], 4)))
            .ToList();
        return new IntentPrediction(intent, Math.Round(probabilities[best], 4), alternatives, extracted)
        {
            LowConfidence = lowConfidence,
            Reply = model.CustomIntents.GetValueOrDefault(intent)?.Reply,
        };
    }
}
