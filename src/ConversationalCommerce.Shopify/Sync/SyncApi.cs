using ConversationalCommerce.Data;
using ConversationalCommerce.Domain.Sync;
using ConversationalCommerce.Shopify.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ConversationalCommerce.Shopify.Sync;

/// <summary>State of a sync run as the admin sees it.</summary>
public sealed record SyncStatus(
    Guid Id, string Trigger, string Status, string Stage, string? BulkOperationStatus, long BulkObjectCount,
    long LinesApplied, int ProductsApplied, int CustomersApplied, int OrdersApplied, int RecordsSkipped,
    string? Error, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? CompletedAt)
{
    public static SyncStatus Of(SyncRun r) => new(
        r.Id, r.Trigger.ToString(), r.Status.ToString(), r.Stage.ToString(), r.BulkOperationStatus, r.BulkObjectCount,
        r.LinesApplied, r.ProductsApplied, r.CustomersApplied, r.OrdersApplied, r.RecordsSkipped, r.Error,
        r.CreatedAt, r.UpdatedAt, r.CompletedAt);
}

public static class SyncApi
{
    public static IEndpointRouteBuilder MapShopifySyncApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/sync").WithTags("Shopify sync").RequireShopifySession();
        group.MapGet("/status", GetStatusAsync).WithName("GetSyncStatus").WithSummary("The shop's latest catalog sync");
        group.MapPost("/", StartAsync).WithName("StartSync").WithSummary("Starts a full sync (or returns the running one)");
        return app;
    }

    internal static async Task<Results<Ok<SyncStatus>, NotFound>> GetStatusAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        // The shop scope is set by RequireShopifySession: only this shop's runs are visible.
        var run = await db.SyncRuns.AsNoTracking().OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        return run is null ? TypedResults.NotFound() : TypedResults.Ok(SyncStatus.Of(run));
    }

    internal static async Task<Accepted<SyncStatus>> StartAsync(HttpContext http, SyncScheduler scheduler, CancellationToken cancellationToken)
    {
        var run = await scheduler.StartAsync(http.GetAdminShop().ShopId, SyncTrigger.OnDemand, cancellationToken);
        return TypedResults.Accepted("/api/admin/sync/status", SyncStatus.Of(run));
    }
}
