namespace ConversationalCommerce.Shopify.Sync.Reconcile;

internal static class ReconcileQueries
{
    public const string Counts = """
        query reconcileCounts {
          productsCount(limit: null) { count precision }
          customersCount { count precision }
        }
        """;

    private const string ProductFields = """
        fragment ProductFields on Product {
          id handle title descriptionHtml vendor productType tags status publishedAt createdAt updatedAt
          options { name position }
          variants(first: 100) {
            nodes { id title sku price compareAtPrice position inventoryQuantity inventoryPolicy selectedOptions { name value } inventoryItem { id tracked } }
          }
          media(first: 20) { nodes { ... on MediaImage { id alt image { url altText } } } }
          collections(first: 20) { nodes { id handle title updatedAt } }
        }
        """;

    public const string ProductsUpdatedSince = """
        query reconcileProducts($after: String, $query: String) {
          products(first: 50, after: $after, query: $query, sortKey: UPDATED_AT) {
            nodes { ...ProductFields }
            pageInfo { hasNextPage endCursor }
          }
        }
        """ + ProductFields;

    public const string ProductIds = """
        query reconcileProductIds($after: String) {
          products(first: 250, after: $after) {
            nodes { id }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    public const string ProductsByIds = """
        query reconcileProductsByIds($ids: [ID!]!) {
          nodes(ids: $ids) { ...ProductFields }
        }
        """ + ProductFields;

    public const string CustomersUpdatedSince = """
        query reconcileCustomers($after: String, $query: String) {
          customers(first: 100, after: $after, query: $query, sortKey: UPDATED_AT) {
            nodes {
              id firstName lastName
              defaultEmailAddress { emailAddress marketingState }
              defaultPhoneNumber { phoneNumber marketingState }
              tags locale createdAt updatedAt
            }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;
}
