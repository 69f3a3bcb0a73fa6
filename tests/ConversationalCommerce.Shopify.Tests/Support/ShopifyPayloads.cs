using System.Globalization;
using System.Text.Json;

namespace ConversationalCommerce.Shopify.Tests.Support;

/// <summary>Response bodies shaped exactly like Shopify's.</summary>
public static class ShopifyPayloads
{
    public static string Cost(int requested = 10, int actual = 10, double available = 1990, double maximum = 2000, double restoreRate = 100) =>
        "{\"cost\":{\"requestedQueryCost\":" + requested + ",\"actualQueryCost\":" + actual + ",\"throttleStatus\":" + Throttle(available, maximum, restoreRate) + "}}";

    public static string Data(string dataJson, string? extensions = null) =>
        "{\"data\":" + dataJson + ",\"extensions\":" + (extensions ?? Cost()) + "}";

    public static string Throttled(int requested = 752, double available = 300, double maximum = 2000, double restoreRate = 100) =>
        "{\"errors\":[{\"message\":\"Throttled\",\"extensions\":{\"code\":\"THROTTLED\",\"documentation\":\"https://shopify.dev/api/usage/rate-limits\"}}],"
        + "\"extensions\":{\"cost\":{\"requestedQueryCost\":" + requested + ",\"actualQueryCost\":null,\"throttleStatus\":" + Throttle(available, maximum, restoreRate) + "}}}";

    public static string Token(string accessToken, long? expiresIn, string? refreshToken, long? refreshExpiresIn, string scope = "read_products,read_customers,read_orders")
    {
        var body = new Dictionary<string, object> { ["access_token"] = accessToken, ["scope"] = scope };
        if (expiresIn is { } e) body["expires_in"] = e;
        if (refreshToken is not null) body["refresh_token"] = refreshToken;
        if (refreshExpiresIn is { } r) body["refresh_token_expires_in"] = r;
        return JsonSerializer.Serialize(body);
    }

    public static string BulkRunStarted(string id) =>
        Data("{\"bulkOperationRunQuery\":{\"bulkOperation\":{\"id\":" + Str(id) + ",\"status\":\"CREATED\"},\"userErrors\":[]}}");

    public static string BulkNode(string id, string status, long objectCount, string? url, string? errorCode = null) =>
        Data("{\"node\":{\"id\":" + Str(id) + ",\"status\":" + Str(status) + ",\"errorCode\":" + Str(errorCode)
             + ",\"objectCount\":\"" + objectCount + "\",\"rootObjectCount\":\"" + objectCount + "\",\"url\":" + Str(url)
             + ",\"partialDataUrl\":null,\"createdAt\":\"2026-11-30T10:00:00Z\",\"completedAt\":"
             + (status == "COMPLETED" ? "\"2026-11-30T10:01:00Z\"" : "null") + "}}");

    private static string Throttle(double available, double maximum, double restoreRate) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"maximumAvailable\":{maximum:0.0},\"currentlyAvailable\":{available:0},\"restoreRate\":{restoreRate:0.0}}}");

    private static string Str(string? s) => s is null ? "null" : JsonSerializer.Serialize(s);
}
