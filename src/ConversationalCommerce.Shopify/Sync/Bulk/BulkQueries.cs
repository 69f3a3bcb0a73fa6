using System.Globalization;
using ConversationalCommerce.Domain.Sync;

namespace ConversationalCommerce.Shopify.Sync.Bulk;

/// <summary>
/// The bulk query of each sync stage. In the JSONL result every node of a nested connection is its own line with
/// <c>__parentId</c>, written after its parent; the GID type of <c>id</c> tells the children apart.
/// </summary>
public static class BulkQueries
{
    public const string Products = """
        {
          products {
            edges {
              node {
                id
                handle
                title
                descriptionHtml
                vendor
                productType
                tags
                status
                publishedAt
                createdAt
                updatedAt
                options { name position }
                variants {
                  edges {
                    node {
                      id
                      title
                      sku
                      price
                      compareAtPrice
                      position
                      inventoryQuantity
                      inventoryPolicy
                      selectedOptions { name value }
                      inventoryItem { id tracked }
                    }
                  }
                }
                media {
                  edges {
                    node {
                      ... on MediaImage { id alt image { url altText } }
                    }
                  }
                }
                collections {
                  edges {
                    node { id handle title updatedAt }
                  }
                }
              }
            }
          }
        }
        """;

    public const string Customers = """
        {
          customers {
            edges {
              node {
                id
                firstName
                lastName
                defaultEmailAddress { emailAddress marketingState }
                defaultPhoneNumber { phoneNumber marketingState }
                tags
                locale
                createdAt
                updatedAt
              }
            }
          }
        }
        """;

    /// <summary>Orders created since <paramref name="since"/> (Shopify search syntax), with their line items.</summary>
    public static string Orders(DateTimeOffset since) => $$"""
        {
          orders(query: "created_at:>='{{since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}}'") {
            edges {
              node {
                id
                name
                email
                createdAt
                updatedAt
                cancelledAt
                displayFinancialStatus
                displayFulfillmentStatus
                currencyCode
                totalPriceSet { shopMoney { amount currencyCode } }
                customer { id }
                lineItems {
                  edges {
                    node {
                      id
                      title
                      variantTitle
                      quantity
                      originalUnitPriceSet { shopMoney { amount currencyCode } }
                      product { id }
                      variant { id }
                    }
                  }
                }
              }
            }
          }
        }
        """;

    public static string For(SyncStage stage, DateTimeOffset now, TimeSpan orderHistory) => stage switch
    {
        SyncStage.Products => Products,
        SyncStage.Customers => Customers,
        SyncStage.Orders => Orders(now - orderHistory),
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };
}
