using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ConversationalCommerce.Shopify.Webhooks;

public static class ShopifyWebhooksApi
{
    /// <summary>The one ingest path; shopify.app.toml points every subscription here.</summary>
    public const string Path = "/webhooks/shopify";

    /// <summary>Shopify's largest payloads (a product with 2,000 variants) stay well below this.</summary>
    private const int MaxBodyBytes = 16 * 1024 * 1024;

    public static IEndpointRouteBuilder MapShopifyWebhookIngest(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveAsync)
            .WithName("ReceiveShopifyWebhook")
            .WithSummary("Shopify webhook deliveries (HMAC-verified, stored in the inbox, applied in the background)")
            .WithTags("Shopify")
            .DisableAntiforgery();
        return app;
    }

    // The raw body is read by hand: model binding would consume it before the signature could be checked.
    private static async Task<Results<Ok, UnauthorizedHttpResult, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, ShopifyWebhookReceiver receiver, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, detail: "Webhook body too large.");
        var receipt = await receiver.ReceiveAsync(request.Headers, body.Value, cancellationToken);
        return receipt.Kind switch
        {
            WebhookReceiptKind.Accepted or WebhookReceiptKind.Duplicate => TypedResults.Ok(),
            WebhookReceiptKind.Forged => TypedResults.Unauthorized(),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: receipt.Reason),
        };
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        var capacity = request.ContentLength is { } length ? (int)length : 16 * 1024;
        using var buffer = new MemoryStream(capacity);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
