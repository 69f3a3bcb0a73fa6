namespace ConversationalCommerce.App.Hosting;

/// <summary>The correlation id of the current request or job, so a job enqueued by a request logs under the same id.</summary>
public static class CorrelationContext
{
    private static readonly AsyncLocal<string?> CurrentId = new();

    public static string? Current
    {
        get => CurrentId.Value;
        set => CurrentId.Value = value;
    }
}
