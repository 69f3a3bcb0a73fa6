using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ConversationalCommerce.Shopify.Tokens;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Shopify.Admin;

/// <summary>
/// The one door to the GraphQL Admin API (<c>POST https://{shop}/admin/api/{version}/graphql.json</c> with
/// <c>X-Shopify-Access-Token</c>). It keeps each shop's cost bucket from running dry, retries THROTTLED answers,
/// 429 (honouring Retry-After), 5xx and timeouts a bounded number of times with jittered backoff, and turns GraphQL
/// <c>errors</c> and <c>userErrors</c> into typed exceptions that name the operation. A 401 renews the shop's token
/// once (see <see cref="IShopAccessTokenProvider.RenewRejectedAsync"/>) and resends.
/// </summary>
public sealed class ShopifyAdminClient(
    HttpClient http,
    IShopAccessTokenProvider tokens,
    IOptionsMonitor<ShopifyOptions> options,
    TimeProvider time,
    ILogger<ShopifyAdminClient> logger)
{
    public const string HttpClientName = "shopify-admin";

    // Shared by every client instance (typed clients are transient): the bucket belongs to the shop, not the caller.
    private static readonly ConcurrentDictionary<Guid, CostBucket> Buckets = new();
    private static readonly ConcurrentDictionary<string, double> KnownCosts = new(StringComparer.Ordinal);

    /// <summary>Runs a query or mutation and returns its <c>data</c>.</summary>
    public async Task<JsonElement> ExecuteAsync(Guid shopId, string operationName, string query, object? variables, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var bucket = Buckets.GetOrAdd(shopId, _ => new CostBucket());
        var expectedCost = KnownCosts.TryGetValue(operationName, out var known) ? known : o.Admin.DefaultQueryCost;
        var lastFailure = "none";
        Exception? lastException = null;

        for (var attempt = 1; attempt <= o.Admin.MaxAttempts; attempt++)
        {
            var wait = bucket.Reserve(expectedCost, time.GetUtcNow());
            if (wait > TimeSpan.Zero)
            {
                logger.LogDebug("Waiting {WaitMs} ms for the cost bucket of shop {ShopId} before {Operation}", (int)wait.TotalMilliseconds, shopId, operationName);
                await Task.Delay(wait, time, cancellationToken);
            }

            var access = await tokens.GetAsync(shopId, cancellationToken);
            TimeSpan? retryAfter = null;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(o.Admin.RequestTimeout);
                using var response = await SendAsync(access, operationName, query, variables, o, timeout.Token);

                // 403: the token works but lacks a scope (a 401 never gets here: SendAsync renews or throws).
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    throw new ShopifyAccessDeniedException(operationName, (int)response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    lastFailure = "429 Too Many Requests";
                    retryAfter = RetryAfterOf(response);
                }
                else if ((int)response.StatusCode >= 500)
                {
                    lastFailure = $"HTTP {(int)response.StatusCode}";
                }
                else if (!response.IsSuccessStatusCode)
                {
                    throw new ShopifyAdminException(operationName, $"unexpected HTTP {(int)response.StatusCode}");
                }
                else
                {
                    using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), default, timeout.Token);
                    var cost = ObserveCost(doc.RootElement, bucket, operationName);
                    var errors = ErrorsOf(doc.RootElement);
                    if (errors.Any(e => e.Code == "THROTTLED"))
                    {
                        lastFailure = "THROTTLED";
                        retryAfter = bucket.TimeUntil(cost ?? expectedCost, time.GetUtcNow());
                        if (cost is { } c) expectedCost = c;
                    }
                    else if (errors.Count > 0)
                    {
                        throw new ShopifyGraphQLException(operationName, errors);
                    }
                    else if (!doc.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
                    {
                        throw new ShopifyAdminException(operationName, "the response has no data");
                    }
                    else
                    {
                        return data.Clone();
                    }
                }
            }
            catch (HttpRequestException ex)
            {
                lastFailure = ex.Message;
                lastException = ex;
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                lastFailure = "timeout";
                lastException = ex;
            }
            catch (JsonException ex)
            {
                lastFailure = "malformed JSON";
                lastException = ex;
            }

            if (attempt == o.Admin.MaxAttempts) break;
            var delay = retryAfter is { } r && r > TimeSpan.Zero ? r : Backoff(attempt, o.Admin);
            if (delay > o.Admin.MaxRetryDelay) delay = o.Admin.MaxRetryDelay;
            logger.LogWarning("Shopify {Operation} for shop {ShopId} failed ({Failure}); attempt {Attempt} of {Max}, retrying in {DelayMs} ms",
                operationName, shopId, lastFailure, attempt, o.Admin.MaxAttempts, (int)delay.TotalMilliseconds);
            await Task.Delay(delay, time, cancellationToken);
        }
        throw new ShopifyUnavailableException(operationName, lastFailure, lastException);
    }

    /// <summary>Runs a mutation and returns its payload (<c>data.{payloadField}</c>), throwing on <c>userErrors</c>.</summary>
    public async Task<JsonElement> MutateAsync(Guid shopId, string operationName, string mutation, object? variables, string payloadField, CancellationToken cancellationToken)
    {
        var data = await ExecuteAsync(shopId, operationName, mutation, variables, cancellationToken);
        if (!data.TryGetProperty(payloadField, out var payload) || payload.ValueKind != JsonValueKind.Object)
            throw new ShopifyAdminException(operationName, $"the response has no {payloadField} payload");
        if (payload.TryGetProperty("userErrors", out var ue) && ue.ValueKind == JsonValueKind.Array && ue.GetArrayLength() > 0)
            throw new ShopifyUserErrorsException(operationName, ue.EnumerateArray().Select(UserErrorOf).ToArray());
        return payload;
    }

    /// <summary>
    /// Sends once; a 401 (the token is invalid or expired before its time) gets one renewal of the token, shared
    /// with every concurrent caller, and one resend. If Shopify refuses the renewed token too, the shop is marked
    /// as needing re-authorization.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(ShopAccess access, string operationName, string query, object? variables,
        ShopifyOptions o, CancellationToken cancellationToken)
    {
        using (var request = BuildRequest(access, operationName, query, variables, o))
        {
            var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Unauthorized) return response;
            response.Dispose();
        }
        logger.LogWarning("Shopify rejected the access token of shop {ShopId} on {Operation} (401); renewing it and retrying once", access.ShopId, operationName);
        var renewed = await tokens.RenewRejectedAsync(access, cancellationToken);
        using (var request = BuildRequest(renewed, operationName, query, variables, o))
        {
            var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Unauthorized) return response;
            response.Dispose();
        }
        await tokens.MarkReauthorizationRequiredAsync(renewed, CancellationToken.None);
        throw new ShopReauthorizationRequiredException(access.ShopId, $"Shopify rejected its renewed access token on {operationName}");
    }

    private HttpRequestMessage BuildRequest(ShopAccess access, string operationName, string query, object? variables, ShopifyOptions o)
    {
        var url = new Uri(o.ShopOrigin(access.ShopDomain), $"/admin/api/{o.ApiVersion}/graphql.json");
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new GraphQLRequest(query, variables, operationName)),
        };
        request.Headers.Add("X-Shopify-Access-Token", access.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private sealed record GraphQLRequest(
        [property: System.Text.Json.Serialization.JsonPropertyName("query")] string Query,
        [property: System.Text.Json.Serialization.JsonPropertyName("variables")] object? Variables,
        [property: System.Text.Json.Serialization.JsonPropertyName("operationName")] string OperationName);

    /// <summary>Reads <c>extensions.cost</c>; returns the requested cost of this operation when present.</summary>
    private double? ObserveCost(JsonElement root, CostBucket bucket, string operationName)
    {
        if (!root.TryGetProperty("extensions", out var ext) || ext.ValueKind != JsonValueKind.Object
            || !ext.TryGetProperty("cost", out var cost) || cost.ValueKind != JsonValueKind.Object) return null;
        if (cost.TryGetProperty("throttleStatus", out var ts) && ts.ValueKind == JsonValueKind.Object
            && ts.TryGetProperty("currentlyAvailable", out var cur) && cur.ValueKind == JsonValueKind.Number
            && ts.TryGetProperty("maximumAvailable", out var max) && max.ValueKind == JsonValueKind.Number
            && ts.TryGetProperty("restoreRate", out var rate) && rate.ValueKind == JsonValueKind.Number)
            bucket.Observe(cur.GetDouble(), max.GetDouble(), rate.GetDouble(), time.GetUtcNow());
        if (cost.TryGetProperty("requestedQueryCost", out var requested) && requested.ValueKind == JsonValueKind.Number)
        {
            var value = requested.GetDouble();
            KnownCosts[operationName] = value;
            return value;
        }
        return null;
    }

    private static List<GraphQLError> ErrorsOf(JsonElement root) =>
        root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
            ? errors.EnumerateArray().Select(GraphQLError.From).ToList()
            : [];

    private static ShopifyUserError UserErrorOf(JsonElement e)
    {
        var field = e.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.Array
            ? f.EnumerateArray().Select(x => x.ToString()).ToArray() : [];
        var message = e.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
        var code = e.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        return new ShopifyUserError(field, message, code);
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - time.GetUtcNow();
        return null;
    }

    /// <summary>Exponential with full jitter: 0.5x..1.5x of base * 2^(attempt-1).</summary>
    private static TimeSpan Backoff(int attempt, AdminApiOptions o)
    {
        var exponential = o.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        return TimeSpan.FromMilliseconds(exponential * (0.5 + Random.Shared.NextDouble()));
    }
}
