using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Privacy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Shopify.Gdpr;

/// <summary>The merchant's downloads of GDPR data exports, from the embedded admin (session token required).</summary>
public static class PrivacyExportsApi
{
    public sealed record ExportSummary(Guid Id, long? ShopifyCustomerId, long? ShopifyRequestId, DateTimeOffset RequestedAt);

    public static IEndpointRouteBuilder MapPrivacyExportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/privacy/exports").WithTags("Privacy");
        group.MapGet("/", ListAsync).WithName("ListPrivacyExports").WithSummary("Data exports produced for customers' data requests");
        group.MapGet("/{id:guid}", DownloadAsync).WithName("DownloadPrivacyExport").WithSummary("One data export as a JSON file");
        return app;
    }

    private static async Task<Results<Ok<List<ExportSummary>>, UnauthorizedHttpResult>> ListAsync(
        HttpRequest request, AdminSessionToken sessions, ShopScope scope, AppDbContext db, CancellationToken cancellationToken)
    {
        if (!await ActForAdminShopAsync(request, sessions, scope, db, cancellationToken)) return TypedResults.Unauthorized();
        var exports = await db.Set<DataExport>().AsNoTracking().OrderByDescending(e => e.RequestedAt)
            .Select(e => new ExportSummary(e.Id, e.ShopifyCustomerId, e.ShopifyRequestId, e.RequestedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(exports);
    }

    private static async Task<Results<FileContentHttpResult, NotFound, UnauthorizedHttpResult>> DownloadAsync(
        Guid id, HttpRequest request, AdminSessionToken sessions, ShopScope scope, AppDbContext db, CancellationToken cancellationToken)
    {
        if (!await ActForAdminShopAsync(request, sessions, scope, db, cancellationToken)) return TypedResults.Unauthorized();
        // The shop filter makes another shop's export look exactly like a missing one.
        var export = await db.Set<DataExport>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (export is null) return TypedResults.NotFound();
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(export.Json), "application/json",
            $"data-export-{export.ShopifyCustomerId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? export.Id.ToString("N")}.json");
    }

    private static async Task<bool> ActForAdminShopAsync(HttpRequest request, AdminSessionToken sessions, ShopScope scope, AppDbContext db, CancellationToken cancellationToken)
    {
        var domain = sessions.ShopDomain(request.Headers.Authorization.ToString());
        if (domain is null) return false;
        var shopId = await db.Shops.AsNoTracking().Where(s => s.Domain == domain).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);
        if (shopId is null) return false;
        scope.Set(shopId.Value);
        return true;
    }
}
