using ConversationalCommerce.Engine.Intents;

namespace ConversationalCommerce.Engine.CustomIntents;

/// <summary>Where merchants' custom intents are kept (the database, through Data).</summary>
public interface ICustomIntentStore
{
    Task<IReadOnlyList<CustomIntent>> ListAsync(Guid shopId, CancellationToken cancellationToken);

    /// <summary>Adds the intent, or replaces the one of the same name.</summary>
    Task SaveAsync(Guid shopId, CustomIntent intent, CancellationToken cancellationToken);

    /// <summary>False when the shop had no intent of that name.</summary>
    Task<bool> DeleteAsync(Guid shopId, string name, CancellationToken cancellationToken);

    /// <summary>Shops that have at least one custom intent (their models are trained at start-up).</summary>
    Task<IReadOnlyList<Guid>> ShopsWithIntentsAsync(CancellationToken cancellationToken);
}
