using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ConversationalCommerce.Shopify;

/// <summary>Bound from "Shopify". The secret comes from the environment, never from the repo.</summary>
public sealed class ShopifyOptions
{
    public const string Section = "Shopify";

    /// <summary>The app's client id (the session token's audience).</summary>
    public string ApiKey { get; set; } = "";
    /// <summary>The app's client secret: signs session tokens, OAuth query HMACs and webhooks.</summary>
    public string ApiSecret { get; set; } = "";
    public string ApiVersion { get; set; } = "2025-10";
    /// <summary>Public URL of the app (OAuth redirect base).</summary>
    public string AppUrl { get; set; } = "http://localhost:5000";
    /// <summary>Comma separated scopes requested at install.</summary>
    public string Scopes { get; set; } = "read_products,read_inventory,read_customers,read_orders";

    /// <summary>
    /// Replaces <c>https://{shop}</c> for every call to Shopify (OAuth and Admin API). Empty in production; tests and
    /// local mocks point it at a loopback server.
    /// </summary>
    public string? ShopOriginOverride { get; set; }

    /// <summary>Leeway for exp/nbf of session tokens.</summary>
    public TimeSpan SessionTokenClockSkew { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>How far an OAuth callback's timestamp may be from now.</summary>
    public TimeSpan OAuthTimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Access tokens are refreshed this long before they expire.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    public AdminApiOptions Admin { get; set; } = new();
    public SyncOptions Sync { get; set; } = new();

    public bool IsConfigured => ApiKey.Length > 0 && ApiSecret.Length > 0;

    public IReadOnlyList<string> ScopeList =>
        Scopes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Origin of a shop's Admin: <c>https://{shop}</c>, or the configured override.</summary>
    public Uri ShopOrigin(string shopDomain) =>
        string.IsNullOrWhiteSpace(ShopOriginOverride) ? new Uri($"https://{shopDomain}") : new Uri(ShopOriginOverride);
}

public sealed class AdminApiOptions
{
    /// <summary>Attempts per call, the first included (throttling, 429, 5xx, timeouts).</summary>
    [Range(1, 20)] public int MaxAttempts { get; set; } = 5;
    /// <summary>First backoff step; doubles per attempt, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Per request time limit.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Points of the cost bucket kept in reserve when no cost of the operation is known yet.</summary>
    [Range(1, 10_000)] public int DefaultQueryCost { get; set; } = 50;
}

public sealed class SyncOptions
{
    /// <summary>Start the first sync right after install.</summary>
    public bool StartAfterInstall { get; set; } = true;
    public TimeSpan BulkPollInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>A bulk operation still not finished after this is given up (the run fails, a new one can start).</summary>
    public TimeSpan BulkTimeout { get; set; } = TimeSpan.FromHours(6);
    /// <summary>Records applied per transaction (and per resume checkpoint).</summary>
    [Range(1, 10_000)] public int BatchSize { get; set; } = 1000;
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>Orders imported at first sync reach back this far.</summary>
    public TimeSpan OrderHistory { get; set; } = TimeSpan.FromDays(365);
    /// <summary>Cron of the per-shop reconcile job.</summary>
    public string ReconcileCron { get; set; } = "17 * * * *";
}

internal sealed partial class ShopifyOptionsValidator : IValidateOptions<ShopifyOptions>
{
    public ValidateOptionsResult Validate(string? name, ShopifyOptions o)
    {
        var failures = new List<string>();
        if (!ApiVersionPattern().IsMatch(o.ApiVersion))
            failures.Add($"Shopify:ApiVersion '{o.ApiVersion}' is not a Shopify API version (YYYY-01/04/07/10 or unstable).");
        if (!Uri.TryCreate(o.AppUrl, UriKind.Absolute, out var app) || (app.Scheme != Uri.UriSchemeHttps && app.Scheme != Uri.UriSchemeHttp))
            failures.Add("Shopify:AppUrl must be an absolute http(s) URL.");
        if (o.ScopeList.Count == 0) failures.Add("Shopify:Scopes must name at least one scope.");
        if ((o.ApiKey.Length > 0) != (o.ApiSecret.Length > 0))
            failures.Add("Shopify:ApiKey and Shopify:ApiSecret must be set together.");
        if (o.ShopOriginOverride is { Length: > 0 } origin && !Uri.TryCreate(origin, UriKind.Absolute, out _))
            failures.Add("Shopify:ShopOriginOverride must be an absolute URL.");
        if (o.SessionTokenClockSkew < TimeSpan.Zero || o.SessionTokenClockSkew > TimeSpan.FromMinutes(1))
            failures.Add("Shopify:SessionTokenClockSkew must be between 0 and 1 minute.");
        if (o.Admin.MaxAttempts is < 1 or > 20) failures.Add("Shopify:Admin:MaxAttempts must be 1..20.");
        if (o.Sync.BatchSize is < 1 or > 10_000) failures.Add("Shopify:Sync:BatchSize must be 1..10000.");
        if (o.Sync.BulkPollInterval <= TimeSpan.Zero) failures.Add("Shopify:Sync:BulkPollInterval must be positive.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(@"^(\d{4}-(01|04|07|10)|unstable)$")]
    private static partial Regex ApiVersionPattern();
}
