using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Shopify.Tokens;

/// <summary>
/// Shopify's token endpoint, <c>POST https://{shop}/admin/oauth/access_token</c>. Every grant asks for an
/// expiring offline token (<c>expiring=1</c>).
/// </summary>
public sealed class ShopifyTokenClient(HttpClient http, IOptionsMonitor<ShopifyOptions> options)
{
    public const string HttpClientName = "shopify-oauth";

    /// <summary>Embedded install: trades an App Bridge session token for an offline token.</summary>
    public Task<ShopifyTokenResponse> ExchangeSessionTokenAsync(string shop, string sessionToken, CancellationToken cancellationToken) =>
        PostAsync(shop, "token exchange", new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
            ["subject_token"] = sessionToken,
            ["subject_token_type"] = "urn:ietf:params:oauth:token-type:id_token",
            ["requested_token_type"] = "urn:shopify:params:oauth:token-type:offline-access-token",
            ["expiring"] = "1",
        }, cancellationToken);

    /// <summary>Non-embedded install: trades the authorization code of the OAuth callback.</summary>
    public Task<ShopifyTokenResponse> ExchangeCodeAsync(string shop, string code, CancellationToken cancellationToken) =>
        PostAsync(shop, "authorization code", new Dictionary<string, string>
        {
            ["code"] = code,
            ["expiring"] = "1",
        }, cancellationToken);

    public Task<ShopifyTokenResponse> RefreshAsync(string shop, string refreshToken, CancellationToken cancellationToken) =>
        PostAsync(shop, "refresh", new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        }, cancellationToken);

    private async Task<ShopifyTokenResponse> PostAsync(string shop, string grant, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var form = new Dictionary<string, string> { ["client_id"] = o.ApiKey, ["client_secret"] = o.ApiSecret };
        foreach (var (k, v) in fields) form[k] = v;
        var url = new Uri(o.ShopOrigin(shop), "/admin/oauth/access_token");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new ShopifyTokenRequestException(grant, (int)response.StatusCode, await ErrorOfAsync(response, cancellationToken));
        var body = await response.Content.ReadFromJsonAsync<ShopifyTokenResponse>(cancellationToken);
        if (string.IsNullOrEmpty(body?.AccessToken))
            throw new ShopifyTokenRequestException(grant, (int)response.StatusCode, "no access_token in the response");
        return body;
    }

    /// <summary>Shopify answers OAuth errors as <c>{"error":"invalid_subject_token","error_description":"..."}</c>.</summary>
    private static async Task<string?> ErrorOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
