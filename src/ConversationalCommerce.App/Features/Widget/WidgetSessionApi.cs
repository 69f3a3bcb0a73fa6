using System.Globalization;
using ConversationalCommerce.Channels.Widget;
using ConversationalCommerce.Channels.Widget.Session;
using ConversationalCommerce.Data;
using ConversationalCommerce.Data.Scoping;
using ConversationalCommerce.Domain.Shops;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.App.Features.Widget;

/// <summary>
/// Where a widget starts: the shop's publishable key (or Shopify's signed app-proxy request) in, a visitor token and
/// the visitor's conversation out (docs/widget-protocol.md). A visitor id is only ever taken from a valid token of the
/// same shop; anything else starts a new visitor, so a page cannot claim somebody else's thread.
/// </summary>
public static class WidgetSessionApi
{
    /// <summary>Sessions per client address (<see cref="WidgetOptions.SessionsPerAddress"/>): visitor tokens are not free to mint in bulk.</summary>
    public const string RateLimitPolicy = "widget-session";

    internal static void AddSessionRateLimit(this IServiceCollection services) => services.AddRateLimiter(limiter =>
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.AddPolicy(RateLimitPolicy, http =>
        {
            var widget = http.RequestServices.GetRequiredService<IOptions<WidgetOptions>>().Value;
            var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = widget.SessionsPerAddress, Window = widget.SessionRateWindow, QueueLimit = 0,
            });
        });
        limiter.OnRejected = (context, _) =>
        {
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WidgetSessionApi))
                .LogWarning("Widget sessions refused for a client over its rate limit");
            return ValueTask.CompletedTask;
        };
    });

    public static IEndpointRouteBuilder MapWidgetSessionApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/widget/session", StartSession).WithTags("Widget").WithName("StartWidgetSession")
            .WithSummary("Starts or resumes a widget visitor's session for the shop of a widget key.")
            .RequireRateLimiting(RateLimitPolicy);
        app.MapPost("/apps/chat/session", StartProxiedSession).WithTags("Widget").WithName("StartAppProxyWidgetSession")
            .WithSummary("The same through Shopify's app proxy, whose signed query names the shop and the logged-in customer.")
            .RequireRateLimiting(RateLimitPolicy);
        return app;
    }

    public sealed record LoggedInCustomer(string? Id, string? Signature);

    public sealed record SessionRequest(string? WidgetKey, string? VisitorId, string? VisitorToken, LoggedInCustomer? LoggedInCustomer, string? Locale);

    public sealed record ProxiedSessionRequest(string? VisitorToken, string? Locale);

    public sealed record ShopInfo(string Name, string Currency, string Locale, string Greeting, string AssistantName, string AccentColor, string? WhatsAppNumber);

    public sealed record SessionResponse(Guid VisitorId, string VisitorToken, Guid ConversationId, ShopInfo Shop);

    internal static async Task<Results<Ok<SessionResponse>, BadRequest<ProblemDetails>, NotFound<ProblemDetails>, UnauthorizedHttpResult>> StartSession(
        SessionRequest? request, AppDbContext db, ShopScope scope, VisitorTokens tokens, VisitorThreads threads,
        IOptions<AppProxyOptions> proxy, ILoggerFactory logs, CancellationToken ct)
    {
        var log = logs.CreateLogger(typeof(WidgetSessionApi));
        if (string.IsNullOrWhiteSpace(request?.WidgetKey) || request.WidgetKey.Length > 64)
            return Problem400("A widget key is required.");
        var shop = await db.Shops.AsNoTracking()
            .FirstOrDefaultAsync(s => s.WidgetKey == request.WidgetKey && s.InstallState == ShopInstallState.Installed, ct);
        if (shop is null) return TypedResults.NotFound(new ProblemDetails { Title = "Unknown widget key", Status = 404 });

        long? shopifyCustomerId = null;
        if (request.LoggedInCustomer is { } customer)
        {
            if (!AppProxySignature.TryParseCustomerId(customer.Id, out var id))
                return Problem400("loggedInCustomer.id must be a Shopify customer id.");
            if (!AppProxySignature.Verify(AppProxySignature.CustomerParameters(shop.Domain, customer.Id!), customer.Signature, proxy.Value.ApiSecret))
            {
                log.LogWarning("Refused a widget session for shop {ShopId}: logged-in customer signature does not verify", shop.Id);
                return TypedResults.Unauthorized();
            }
            shopifyCustomerId = id;
        }
        return TypedResults.Ok(await StartAsync(shop, request.VisitorToken, shopifyCustomerId, request.Locale, scope, tokens, threads, ct));
    }

    internal static async Task<Results<Ok<SessionResponse>, BadRequest<ProblemDetails>, NotFound<ProblemDetails>, UnauthorizedHttpResult>> StartProxiedSession(
        HttpRequest http, AppDbContext db, ShopScope scope, VisitorTokens tokens, VisitorThreads threads,
        IOptions<AppProxyOptions> proxy, IOptions<WidgetOptions> widget, TimeProvider time, ILoggerFactory logs, CancellationToken ct)
    {
        var log = logs.CreateLogger(typeof(WidgetSessionApi));
        var query = http.Query.Select(q => new KeyValuePair<string, IReadOnlyList<string>>(q.Key, q.Value.Select(v => v ?? "").ToList()));
        if (!AppProxySignature.Verify(query, http.Query[AppProxySignature.SignatureKey], proxy.Value.ApiSecret))
        {
            log.LogWarning("Refused an app-proxy widget session: signature missing or wrong");
            return TypedResults.Unauthorized();
        }
        if (!long.TryParse(http.Query["timestamp"], NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
            || (time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(unix)).Duration() > widget.Value.AppProxyMaxAge)
        {
            log.LogWarning("Refused an app-proxy widget session: stale or missing timestamp");
            return TypedResults.Unauthorized();
        }

        var domain = http.Query["shop"].ToString().ToLowerInvariant();
        var shop = await db.Shops.AsNoTracking().FirstOrDefaultAsync(s => s.Domain == domain && s.InstallState == ShopInstallState.Installed, ct);
        if (shop is null) return TypedResults.NotFound(new ProblemDetails { Title = "Unknown shop", Status = 404 });

        long? shopifyCustomerId = null;
        var customerId = http.Query["logged_in_customer_id"].ToString();
        if (customerId.Length > 0)
        {
            if (!AppProxySignature.TryParseCustomerId(customerId, out var id)) return Problem400("logged_in_customer_id is not a customer id.");
            shopifyCustomerId = id;
        }

        ProxiedSessionRequest? body = null;
        if (http.ContentLength > 0 && http.HasJsonContentType())
        {
            try { body = await http.ReadFromJsonAsync<ProxiedSessionRequest>(ct); }
            catch (System.Text.Json.JsonException) { return Problem400("The body is not valid JSON."); }
        }
        return TypedResults.Ok(await StartAsync(shop, body?.VisitorToken, shopifyCustomerId, body?.Locale, scope, tokens, threads, ct));
    }

    private static async Task<SessionResponse> StartAsync(Shop shop, string? visitorToken, long? shopifyCustomerId, string? locale,
        ShopScope scope, VisitorTokens tokens, VisitorThreads threads, CancellationToken ct)
    {
        scope.Set(shop.Id);
        // A token of another shop (or a forged or expired one) is not an error for the page: it simply starts afresh.
        var known = tokens.Read(visitorToken);
        var visitor = known is not null && known.ShopId == shop.Id ? known : new VisitorIdentity(shop.Id, Guid.NewGuid());
        var thread = await threads.ResolveAsync(visitor.VisitorId, shopifyCustomerId, locale, ct);
        var settings = shop.Settings;
        return new SessionResponse(visitor.VisitorId, tokens.Issue(visitor), thread.ConversationId,
            new ShopInfo(shop.Name, shop.Currency, shop.Locale, settings.Greeting, settings.AssistantName, settings.AccentColor,
                string.IsNullOrWhiteSpace(settings.WhatsAppNumber) ? null : settings.WhatsAppNumber));
    }

    private static BadRequest<ProblemDetails> Problem400(string detail) =>
        TypedResults.BadRequest(new ProblemDetails { Title = "Invalid widget session request", Detail = detail, Status = 400 });
}
