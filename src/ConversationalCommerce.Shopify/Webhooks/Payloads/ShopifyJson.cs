using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConversationalCommerce.Shopify.Webhooks.Payloads;

/// <summary>Webhook bodies are the REST resource shapes: snake_case, prices as strings.</summary>
public static class ShopifyJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        PropertyNameCaseInsensitive = true,
    };

    public static T Read<T>(string body) where T : class =>
        JsonSerializer.Deserialize<T>(body, Options) ?? throw new JsonException($"Empty {typeof(T).Name} payload.");

    /// <summary>The numeric id at the end of a GID such as gid://shopify/Customer/123.</summary>
    public static long? IdFromGid(string? gid)
    {
        if (string.IsNullOrEmpty(gid)) return null;
        var tail = gid[(gid.LastIndexOf('/') + 1)..];
        var query = tail.IndexOf('?');
        if (query >= 0) tail = tail[..query];
        return long.TryParse(tail, out var id) ? id : null;
    }
}
