using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Privacy;
using ConversationalCommerce.Shopify.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Shopify.Gdpr;

/// <summary>The merchant's downloads of GDPR data exports, from the embedded admin (Shopify session token required; the shop is the token's).</summary>
public static class PrivacyExportsApi
{
    public sealed record ExportSummary(Guid Id, long? ShopifyCustomerId, long? ShopifyRequestId, DateTimeOffset RequestedAt);

    public static IEndpointRouteBuilder MapPrivacyExportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/privacy/exports").WithTags("Privacy").RequireShopifySession();
        group.MapGet("/", ListAsync).WithName("ListPrivacyExports").WithSummary("Data exports produced for customers' data requests");
        group.MapGet("/{id:guid}", DownloadAsync).WithName("DownloadPrivacyExport").WithSummary("One data export as a JSON file");
        return app;
    }

    // The session filter has set the request's shop scope: the shop filter shows this shop's exports only.
    private static async Task<Ok<List<ExportSummary>>> ListAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var exports = await db.Set<DataExport>().AsNoTracking().OrderByDescending(e => e.RequestedAt)
            .Select(e => new ExportSummary(e.Id, e.ShopifyCustomerId, e.ShopifyRequestId, e.RequestedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(exports);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> DownloadAsync(Guid id, AppDbContext db, CancellationToken cancellationToken)
    {
        // The shop filter makes another shop's export look exactly like a missing one.
        var export = await db.Set<DataExport>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (export is null) return TypedResults.NotFound();
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(export.Json), "application/json",
            $"data-export-{export.ShopifyCustomerId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? export.Id.ToString("N")}.json");
    }
}
