using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ConversationalCommerce.Channels.Delivery;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Channels.WhatsApp.Outbound;

/// <summary>POST {base}/{version}/{phone-number-id}/messages with the shop's token; one attempt, classified by <see cref="GraphApiErrors"/>.</summary>
public sealed class GraphApiClient(HttpClient http, IOptions<WhatsAppOptions> options)
{
    // JSON to an API, not HTML: "+" in phone numbers and non-ASCII text go out as themselves.
    private static readonly System.Text.Json.JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<SendResult> SendMessageAsync(string phoneNumberId, string accessToken, JsonObject message, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var url = $"{o.GraphApiBaseUrl.TrimEnd('/')}/{o.ApiVersion}/{Uri.EscapeDataString(phoneNumberId)}/messages";
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(message.ToJsonString(Json), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(o.SendTimeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SendResult.Retry($"WhatsApp did not answer within {o.SendTimeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException ex)
        {
            return SendResult.Retry($"WhatsApp could not be reached: {ex.Message}");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                return GraphApiErrors.Classify(response.StatusCode, body, RetryAfter(response));
            var wamid = (string?)JsonNode.Parse(body)?["messages"]?[0]?["id"];
            return wamid is null ? SendResult.Fail("WhatsApp accepted the request but returned no message id.") : SendResult.Sent(wamid);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - DateTimeOffset.UtcNow;
        return null;
    }
}
