using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ConversationalCommerce.Engine.Intents;
using Microsoft.Extensions.Logging;

namespace ConversationalCommerce.Engine.CustomIntents;

/// <summary>
/// Merchants' own intents: validated, stored, and taught to the shop's classifier. Retraining runs in the
/// background and the finished model replaces the old one in one swap (IntentModelStore), so shoppers are never
/// answered by a half-trained model; <see cref="TrainingFor"/> lets callers wait for it.
/// </summary>
public sealed partial class CustomIntentService(ICustomIntentStore store, IntentModelStore models, ILogger<CustomIntentService> logger)
{
    public const int MinExamples = 3;
    public const int MaxExamples = 200;
    public const int MaxExampleLength = 300;
    public const int MaxReplyLength = 1000;
    public const int MaxIntentsPerShop = 50;

    private readonly ConcurrentDictionary<Guid, Task> _training = new();

    public Task<IReadOnlyList<CustomIntent>> ListAsync(Guid shopId, CancellationToken cancellationToken) => store.ListAsync(shopId, cancellationToken);

    /// <summary>Null when valid; otherwise why not, in words a merchant understands.</summary>
    public static string? Validate(CustomIntent intent)
    {
        if (!NamePattern().IsMatch(intent.Name ?? "")) return "name must be 2-40 lower-case letters, digits or underscores, starting with a letter.";
        if (CommerceIntents.IsBuiltIn(intent.Name!)) return $"\"{intent.Name}\" is a built-in intent; choose another name.";
        var examples = intent.Examples?.Where(e => !string.IsNullOrWhiteSpace(e)).ToList() ?? [];
        if (examples.Count < MinExamples) return $"give at least {MinExamples} example sentences.";
        if (examples.Count > MaxExamples) return $"give at most {MaxExamples} example sentences.";
        if (examples.Any(e => e.Length > MaxExampleLength || e.Contains('\n'))) return $"each example must be one line of at most {MaxExampleLength} characters.";
        if (string.IsNullOrWhiteSpace(intent.Reply)) return "a reply is required.";
        if (intent.Reply.Length > MaxReplyLength) return $"the reply is limited to {MaxReplyLength} characters.";
        return null;
    }

    /// <summary>Stores the intent (replacing one of the same name) and starts retraining the shop's model.</summary>
    public async Task<string?> SaveAsync(Guid shopId, CustomIntent intent, CancellationToken cancellationToken)
    {
        if (Validate(intent) is { } problem) return problem;
        var existing = await store.ListAsync(shopId, cancellationToken);
        if (existing.Count >= MaxIntentsPerShop && existing.All(i => i.Name != intent.Name)) return $"a shop can have at most {MaxIntentsPerShop} custom intents.";
        var clean = intent with { Examples = intent.Examples.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).Distinct().ToList(), Reply = intent.Reply!.Trim() };
        await store.SaveAsync(shopId, clean, cancellationToken);
        ScheduleRetrain(shopId);
        return null;
    }

    public async Task<bool> DeleteAsync(Guid shopId, string name, CancellationToken cancellationToken)
    {
        var deleted = await store.DeleteAsync(shopId, name, cancellationToken);
        if (deleted) ScheduleRetrain(shopId);
        return deleted;
    }

    /// <summary>The latest retraining started for the shop (completed when none is running).</summary>
    public Task TrainingFor(Guid shopId) => _training.TryGetValue(shopId, out var task) ? task : Task.CompletedTask;

    /// <summary>Trains from what is stored now; several quick edits chain, each training on the state after its edit.</summary>
    public void ScheduleRetrain(Guid shopId) =>
        _training.AddOrUpdate(shopId, _ => RetrainAsync(shopId, Task.CompletedTask), (_, previous) => RetrainAsync(shopId, previous));

    private async Task RetrainAsync(Guid shopId, Task previous)
    {
        await previous.ContinueWith(_ => { }, TaskScheduler.Default);
        await Task.Yield();
        try
        {
            var intents = await store.ListAsync(shopId, CancellationToken.None);
            await models.RetrainAsync(shopId, intents, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The previous model keeps answering; the next edit or restart trains again.
            logger.LogError(e, "Retraining the intent model of shop {ShopId} failed", shopId);
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{1,39}$")]
    private static partial Regex NamePattern();
}
