using System.Text.Json;

namespace ConversationalCommerce.Shopify.Admin;

/// <summary>Base of every failure of an Admin API call; always names the GraphQL operation.</summary>
public class ShopifyAdminException(string operationName, string message, Exception? inner = null)
    : Exception($"Shopify Admin API operation {operationName}: {message}", inner)
{
    public string OperationName { get; } = operationName;
}

/// <summary>One entry of the top-level <c>errors</c> array: <c>{ message, locations, path, extensions { code } }</c>.</summary>
public sealed record GraphQLError(string Message, string? Code, IReadOnlyList<string> Path)
{
    internal static GraphQLError From(JsonElement e)
    {
        var message = e.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "(no message)";
        string? code = e.TryGetProperty("extensions", out var x) && x.ValueKind == JsonValueKind.Object
                       && x.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var path = e.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.Array
            ? p.EnumerateArray().Select(s => s.ToString()).ToArray() : [];
        return new GraphQLError(message, code, path);
    }
}

/// <summary>The response carried GraphQL <c>errors</c> (other than throttling): a bad query, access denied, etc.</summary>
public sealed class ShopifyGraphQLException(string operationName, IReadOnlyList<GraphQLError> errors)
    : ShopifyAdminException(operationName, string.Join("; ", errors.Select(e => e.Code is null ? e.Message : $"{e.Code}: {e.Message}")))
{
    public IReadOnlyList<GraphQLError> Errors { get; } = errors;
}

/// <summary>A mutation answered with <c>userErrors</c> (<c>{ field, message, code }</c>): Shopify refused the input.</summary>
public sealed class ShopifyUserErrorsException(string operationName, IReadOnlyList<ShopifyUserError> userErrors)
    : ShopifyAdminException(operationName, string.Join("; ", userErrors.Select(e => e.Field.Count > 0 ? $"{string.Join('.', e.Field)}: {e.Message}" : e.Message)))
{
    public IReadOnlyList<ShopifyUserError> UserErrors { get; } = userErrors;
}

public sealed record ShopifyUserError(IReadOnlyList<string> Field, string Message, string? Code);

/// <summary>Every attempt failed on throttling, 429, 5xx or timeouts.</summary>
public sealed class ShopifyUnavailableException(string operationName, string lastFailure, Exception? inner = null)
    : ShopifyAdminException(operationName, $"gave up after retries; last failure: {lastFailure}", inner);

/// <summary>Shopify refused the access token (401/403): revoked, uninstalled, or missing a scope.</summary>
public sealed class ShopifyAccessDeniedException(string operationName, int statusCode)
    : ShopifyAdminException(operationName, $"access denied ({statusCode})")
{
    public int StatusCode { get; } = statusCode;
}
