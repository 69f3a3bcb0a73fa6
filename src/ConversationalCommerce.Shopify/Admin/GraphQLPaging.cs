using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ConversationalCommerce.Shopify.Admin;

public static class GraphQLPaging
{
    private const int MaxPages = 100_000;

    /// <summary>
    /// Follows a cursor-paginated connection and yields its nodes. The query takes <c>$after: String</c> and the
    /// connection (found at <paramref name="connectionPath"/> under <c>data</c>) selects
    /// <c>nodes { ... } pageInfo { hasNextPage endCursor }</c>.
    /// </summary>
    public static async IAsyncEnumerable<JsonElement> PaginateAsync(
        this ShopifyAdminClient client, Guid shopId, string operationName, string query,
        IReadOnlyDictionary<string, object?> variables, string[] connectionPath,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var vars = new Dictionary<string, object?>(variables) { ["after"] = after };
            var data = await client.ExecuteAsync(shopId, operationName, query, vars, cancellationToken);
            var connection = data;
            foreach (var step in connectionPath)
                if (!connection.TryGetProperty(step, out connection) || connection.ValueKind != JsonValueKind.Object)
                    throw new ShopifyAdminException(operationName, $"the response has no connection at {string.Join('.', connectionPath)}");
            if (connection.TryGetProperty("nodes", out var nodes) && nodes.ValueKind == JsonValueKind.Array)
                foreach (var node in nodes.EnumerateArray()) yield return node;

            if (!connection.TryGetProperty("pageInfo", out var info)
                || !info.TryGetProperty("hasNextPage", out var next) || next.ValueKind != JsonValueKind.True)
                yield break;
            after = info.TryGetProperty("endCursor", out var cursor) && cursor.ValueKind == JsonValueKind.String ? cursor.GetString() : null;
            if (after is null) throw new ShopifyAdminException(operationName, "hasNextPage is true but endCursor is missing");
        }
        throw new ShopifyAdminException(operationName, $"more than {MaxPages} pages");
    }
}
