namespace ConversationalCommerce.Shopify.Lifecycle;

/// <summary>
/// Installing and uninstalling a shop. The webhook handler calls <see cref="UninstallAsync"/> for app/uninstalled;
/// the install flow (OAuth / token exchange) calls <see cref="ReinstallAsync"/> when a shop that had uninstalled
/// installs again. The sync feature replaces the database-only implementation with one that also stops its jobs
/// and starts the first sync.
/// </summary>
public interface IShopLifecycle
{
    /// <summary>Revokes tokens and stops the shop's work; ignored when <paramref name="uninstalledAt"/> predates the current install.</summary>
    Task UninstallAsync(Guid shopId, DateTimeOffset uninstalledAt, CancellationToken cancellationToken);

    /// <summary>Marks the shop installed again; webhooks for it are applied from now on.</summary>
    Task ReinstallAsync(Guid shopId, CancellationToken cancellationToken);
}
