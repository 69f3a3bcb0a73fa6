using System.Text.Json;
using ConversationalCommerce.Shopify.Admin;

namespace ConversationalCommerce.Shopify.Sync.Bulk;

/// <summary>Shopify's BulkOperation as far as we need it.</summary>
public sealed record BulkOperationState(string Id, string Status, string? ErrorCode, long ObjectCount, string? Url)
{
    public bool IsFinished => Status is "COMPLETED" or "FAILED" or "CANCELED" or "EXPIRED";
}

/// <summary>Starts bulk queries (<c>bulkOperationRunQuery</c>) and reads their state (<c>node(id:)</c>).</summary>
public sealed class BulkOperations(ShopifyAdminClient client)
{
    private const string RunMutation = """
        mutation bulkOperationRunQuery($query: String!) {
          bulkOperationRunQuery(query: $query) {
            bulkOperation { id status }
            userErrors { field message code }
          }
        }
        """;

    private const string StatusQuery = """
        query bulkOperationStatus($id: ID!) {
          node(id: $id) {
            ... on BulkOperation { id status errorCode objectCount rootObjectCount url partialDataUrl createdAt completedAt }
          }
        }
        """;

    public async Task<BulkOperationState> StartAsync(Guid shopId, string query, CancellationToken cancellationToken)
    {
        var payload = await client.MutateAsync(shopId, "bulkOperationRunQuery", RunMutation, new { query }, "bulkOperationRunQuery", cancellationToken);
        if (!payload.TryGetProperty("bulkOperation", out var op) || op.ValueKind != JsonValueKind.Object)
            throw new ShopifyAdminException("bulkOperationRunQuery", "no bulkOperation in the payload");
        return Read(op);
    }

    public async Task<BulkOperationState> GetAsync(Guid shopId, string operationId, CancellationToken cancellationToken)
    {
        var data = await client.ExecuteAsync(shopId, "bulkOperationStatus", StatusQuery, new { id = operationId }, cancellationToken);
        if (!data.TryGetProperty("node", out var node) || node.ValueKind != JsonValueKind.Object)
            throw new ShopifyAdminException("bulkOperationStatus", $"bulk operation {operationId} not found");
        return Read(node);
    }

    private static BulkOperationState Read(JsonElement op) => new(
        op.GetProperty("id").GetString()!,
        op.TryGetProperty("status", out var s) ? s.GetString() ?? "" : "",
        op.TryGetProperty("errorCode", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null,
        op.TryGetProperty("objectCount", out var c) ? CountOf(c) : 0,
        op.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null);

    /// <summary>UnsignedInt64 is serialized as a string.</summary>
    private static long CountOf(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String when long.TryParse(e.GetString(), out var v) => v,
        JsonValueKind.Number => e.GetInt64(),
        _ => 0,
    };
}
