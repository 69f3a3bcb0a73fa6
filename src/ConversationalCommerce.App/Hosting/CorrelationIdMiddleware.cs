using Serilog.Context;

namespace ConversationalCommerce.App.Hosting;

/// <summary>Takes X-Correlation-Id from the caller (or makes one), echoes it, and stamps every log line of the request.</summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next)
{
    public const string Header = "X-Correlation-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var id = context.Request.Headers[Header].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64) id = context.TraceIdentifier;
        context.Response.Headers[Header] = id;
        CorrelationContext.Current = id;
        using (LogContext.PushProperty("CorrelationId", id))
            await next(context);
    }
}
