using ConversationalCommerce.Engine.Semantics;

namespace ConversationalCommerce.Engine.Tests.Semantics;

/// <summary>
/// The real table, built once per test run from the packaged MiniLM model (about 5 s of CPU) into a scratch cache:
/// every test that needs it shares it.
/// </summary>
internal static class PackagedTable
{
    public static readonly string CacheDirectory = Path.Combine(Path.GetTempPath(), "cc-semantics-tests-" + Environment.ProcessId);

    static PackagedTable() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        if (Directory.Exists(CacheDirectory)) Directory.Delete(CacheDirectory, recursive: true);
    };

    private static readonly Lazy<Task<StaticEmbeddingTable?>> Table = new(() =>
        new StaticEmbeddingTableSource(new SemanticOptions { CacheDirectory = CacheDirectory }).GetAsync(CancellationToken.None));

    public static async Task<StaticEmbeddingTable> GetAsync() =>
        await Table.Value ?? throw new InvalidOperationException("The packaged model did not give a table.");
}
