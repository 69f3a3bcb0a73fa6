using System.Net.Http.Json;
using ConversationalCommerce.Testing;

namespace ConversationalCommerce.Browser.Tests.Storefront;

/// <summary>The real app with the demo store on a loopback port.</summary>
public sealed class StorefrontApp : IDisposable
{
    public AppFactory Factory { get; } = new(seedDemo: true);
    public HttpClient Http { get; }

    public StorefrontApp()
    {
        Factory.StartRealServer();
        Http = new HttpClient { BaseAddress = Factory.ServerAddress };
    }

    public Uri Address => Factory.ServerAddress;

    public async Task<DemoCartCalls> CartCallsAsync() => (await Http.GetFromJsonAsync<DemoCartCalls>("/api/demo/cart"))!;

    public Task ClearCartAsync() => Http.DeleteAsync("/api/demo/cart");

    public void Dispose()
    {
        Http.Dispose();
        Factory.Dispose();
    }
}

public sealed record DemoCartCall(long Id, int Quantity);

public sealed record DemoCartCallRecord(DateTimeOffset At, List<DemoCartCall> Items);

public sealed record DemoCartCalls(List<DemoCartCallRecord> Calls);
