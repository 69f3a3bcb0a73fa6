namespace ConversationalCommerce.Channels.Widget;

/// <summary>Limits and lifetimes of the storefront widget channel (section "Widget").</summary>
public sealed class WidgetOptions
{
    public const string Section = "Widget";

    /// <summary>Longest shopper message accepted; longer ones are refused with <c>too_long</c>.</summary>
    public int MaxMessageLength { get; set; } = 2_000;

    /// <summary>Messages a connection may send in a burst (token bucket capacity).</summary>
    public int RateLimitMessages { get; set; } = 10;

    /// <summary>Time in which a full bucket refills.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a turn may take before the shopper gets <c>unavailable</c> instead of a hanging spinner.</summary>
    public TimeSpan TurnTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public int HistoryLimit { get; set; } = 200;

    public TimeSpan VisitorTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan ContinuityCodeLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Widget sessions (POST /api/widget/session and /apps/chat/session) one client IP address may start per
    /// <see cref="SessionRateWindow"/>; more are answered 429 with Retry-After. Behind a proxy the app must see the
    /// client's address (forwarded headers), or all visitors share one budget.
    /// </summary>
    public int SessionsPerAddress { get; set; } = 30;

    public TimeSpan SessionRateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Oldest app-proxy timestamp accepted (Shopify signs each proxied request with its time).</summary>
    public TimeSpan AppProxyMaxAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Maps the bare echo hub at /hubs/echo; for benchmarks only, off in production.</summary>
    public bool EnableEchoHub { get; set; }
}
