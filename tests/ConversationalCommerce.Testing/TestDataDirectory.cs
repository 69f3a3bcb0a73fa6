namespace ConversationalCommerce.Testing;

/// <summary>A private data folder (SQLite file, exports) removed after the test.</summary>
public sealed class TestDataDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cc-tests", Guid.NewGuid().ToString("N"));

    public TestDataDirectory() => Directory.CreateDirectory(Path);

    public string SqliteConnectionString => $"Data Source={System.IO.Path.Combine(Path, "test.db")};Pooling=True";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
