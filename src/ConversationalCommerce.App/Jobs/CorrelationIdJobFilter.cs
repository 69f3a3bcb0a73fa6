using ConversationalCommerce.App.Hosting;
using Hangfire.Client;
using Hangfire.Server;
using Serilog.Context;

namespace ConversationalCommerce.App.Jobs;

/// <summary>Carries the enqueuing request's correlation id into the job, and stamps every log line of the job with it.</summary>
public sealed class CorrelationIdJobFilter : IClientFilter, IServerFilter
{
    private const string Parameter = "CorrelationId";
    private const string ScopeKey = "cc:log-scope";

    public void OnCreating(CreatingContext context) =>
        context.SetJobParameter(Parameter, CorrelationContext.Current ?? Guid.NewGuid().ToString("N"));

    public void OnCreated(CreatedContext context) { }

    public void OnPerforming(PerformingContext context)
    {
        var id = context.GetJobParameter<string>(Parameter) ?? context.BackgroundJob.Id;
        CorrelationContext.Current = id;
        context.Items[ScopeKey] = LogContext.PushProperty("CorrelationId", id);
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items.TryGetValue(ScopeKey, out var scope) && scope is IDisposable d) d.Dispose();
        CorrelationContext.Current = null;
    }
}
