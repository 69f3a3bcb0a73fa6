using Microsoft.AspNetCore.SignalR;

namespace ConversationalCommerce.Channels.Widget.Hub;

/// <summary>
/// A bare round trip for benchmarks (the floor a widget turn is compared with); mapped only when enabled. It answers
/// exactly as <see cref="ChatHub.Send"/> does, minus the turn: the text comes back to the caller as a
/// <c>message</c> event, then the <see cref="SendAck"/> completes the invocation. So the benchmark times both the same
/// way (invocation sent -> message event received) over the same connection type and protocol.
/// </summary>
public sealed class EchoHub : Microsoft.AspNetCore.SignalR.Hub
{
    private long _seq;

    public async Task<SendAck> Send(SendRequest? request)
    {
        var text = request?.Text ?? "";
        var seq = Interlocked.Increment(ref _seq);
        await Clients.Caller.SendAsync(WidgetEvents.Message,
            new HistoryMessage(Guid.Empty, seq, "assistant", "widget", text, null, DateTimeOffset.UnixEpoch, null));
        return new SendAck(request?.ClientMessageId, true);
    }
}
