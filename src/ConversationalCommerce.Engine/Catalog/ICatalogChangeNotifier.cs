namespace ConversationalCommerce.Engine.Catalog;

/// <summary>
/// Told by whatever writes the catalog (demo seed, CSV import, bulk sync, webhooks) after the rows are saved,
/// so the in-process search index picks the change up. Called with ids only; the index reloads from the database.
/// </summary>
public interface ICatalogChangeNotifier
{
    void ProductsChanged(Guid shopId, IReadOnlyCollection<Guid> productIds);
    void ProductsRemoved(Guid shopId, IReadOnlyCollection<Guid> productIds);
    /// <summary>Many products changed at once (first sync, import, redact): rebuild the shop's index.</summary>
    void ShopChanged(Guid shopId);
}
