namespace ConversationalCommerce.Shopify.Webhooks;

/// <summary>Every webhook topic the app applies; shopify.app.toml subscribes to exactly these (a test checks).</summary>
public static class ShopifyTopics
{
    public const string ProductsCreate = "products/create";
    public const string ProductsUpdate = "products/update";
    public const string ProductsDelete = "products/delete";
    public const string InventoryLevelsUpdate = "inventory_levels/update";
    public const string InventoryLevelsConnect = "inventory_levels/connect";
    public const string InventoryLevelsDisconnect = "inventory_levels/disconnect";
    public const string InventoryItemsUpdate = "inventory_items/update";
    public const string CollectionsCreate = "collections/create";
    public const string CollectionsUpdate = "collections/update";
    public const string CollectionsDelete = "collections/delete";
    public const string CustomersCreate = "customers/create";
    public const string CustomersUpdate = "customers/update";
    public const string CustomersDelete = "customers/delete";
    public const string CustomersMerge = "customers/merge";
    public const string OrdersCreate = "orders/create";
    public const string OrdersUpdated = "orders/updated";
    public const string AppUninstalled = "app/uninstalled";
    public const string AppScopesUpdate = "app/scopes_update";
    public const string ShopUpdate = "shop/update";
    public const string BulkOperationsFinish = "bulk_operations/finish";

    // Mandatory compliance topics (GDPR); subscribed through compliance_topics.
    public const string CustomersDataRequest = "customers/data_request";
    public const string CustomersRedact = "customers/redact";
    public const string ShopRedact = "shop/redact";

    public static readonly IReadOnlyList<string> Compliance = [CustomersDataRequest, CustomersRedact, ShopRedact];

    /// <summary>Topics still applied after app/uninstalled: privacy requests arrive after it, and a repeat uninstall is harmless.</summary>
    public static bool AppliesToUninstalledShop(string topic) => Compliance.Contains(topic) || topic == AppUninstalled;
}
