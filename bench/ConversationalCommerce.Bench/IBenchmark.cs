namespace ConversationalCommerce.Bench;

/// <summary>One benchmark, found by reflection; run as `dotnet run -c Release --project bench/ConversationalCommerce.Bench -- NAME [args]`.</summary>
public interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
