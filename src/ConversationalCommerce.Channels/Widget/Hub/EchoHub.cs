namespace ConversationalCommerce.Channels.Widget.Hub;

/// <summary>A bare round trip for benchmarks (the floor a widget turn is compared with); mapped only when enabled.</summary>
public sealed class EchoHub : Microsoft.AspNetCore.SignalR.Hub
{
    public string Echo(string text) => text;
}
