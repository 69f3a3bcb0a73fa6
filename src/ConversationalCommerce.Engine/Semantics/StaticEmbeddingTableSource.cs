using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConversationalCommerce.Engine.Semantics;

/// <summary>
/// The static token table, built at most once per process: read from the cache file, or built from the
/// packaged MiniLM model's token embeddings on first need (5-10 s of CPU) and cached for every later start. When the
/// model cannot be read or run, the answer is null and classifiers train on their sparse blocks alone: a missing
/// semantic signal costs accuracy, never start-up.
/// </summary>
public sealed class StaticEmbeddingTableSource(SemanticOptions options, ILogger<StaticEmbeddingTableSource>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<StaticEmbeddingTableSource>.Instance;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile StaticEmbeddingTable? _table;
    private volatile bool _unavailable;

    public string ModelAssemblyPath => options.ModelAssemblyPath ?? PackagedMiniLm.DefaultAssemblyPath;

    public string CachePath => Path.Combine(options.CacheDirectory ?? SemanticOptions.DefaultCacheDirectory, options.CacheFileName);

    /// <summary>The table, or null when semantics are off or the model is unavailable (logged once).</summary>
    public async Task<StaticEmbeddingTable?> GetAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled) return null;
        if (_table is not null || _unavailable) return _table;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_table is not null || _unavailable) return _table;
            try
            {
                _table = await LoadOrBuildAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Anything else (permissions, a damaged package, memory): the models still work without the table.
                _logger.LogWarning(e, "The static token table is unavailable: intent models train without the semantic block");
                _table = null;
            }
            _unavailable = _table is null;
            return _table;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Once per machine, after a build: the 47 MB embedding matrix is garbage and the model's 90 MB image stays mapped
    /// until its load context is collected. Without a collection now, a quiet app would hold them for a long time
    /// (demo app idle RSS after a first start 339 MB without it, 278 MB with it; 228 MB on later starts).
    /// </summary>
    private static void ReleaseBuildMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private async Task<StaticEmbeddingTable?> LoadOrBuildAsync(CancellationToken cancellationToken)
    {
        string? version;
        try
        {
            version = PackagedMiniLm.VersionOf(ModelAssemblyPath);
        }
        catch (FileNotFoundException)
        {
            version = null;
        }
        var source = $"all-MiniLM-L6-v2 {version} dims={options.Dimensions}";
        var cached = await StaticEmbeddingTable.LoadAsync(CachePath, cancellationToken);
        // Without the package a table cached earlier still serves; with it, only a table of this version and size.
        if (cached is not null && (version is null || cached.Source == source)) return cached;
        if (version is null)
        {
            _logger.LogWarning("The packaged MiniLM model ({Path}) is missing and nothing is cached: intent models train without the semantic block",
                ModelAssemblyPath);
            return null;
        }

        var watch = Stopwatch.StartNew();
        _logger.LogInformation("Building the static token table from {Model} into {Path}", source, CachePath);
        try
        {
            var table = await Task.Run(() => PackagedMiniLm.Read(ModelAssemblyPath, (model, vocabulary) =>
                StaticEmbeddingTableBuilder.FromInputEmbeddings(model, vocabulary, options.Dimensions, source, cancellationToken)), cancellationToken);
            try
            {
                await table.SaveAsync(CachePath, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Still usable for this process; the next start builds it again.
                _logger.LogWarning(e, "Could not cache the static token table at {Path}", CachePath);
            }
            _logger.LogInformation("Built {Tokens} token vectors of {Dimensions} dimensions in {Seconds:F1} s",
                table.TokenCount, table.Dimensions, watch.Elapsed.TotalSeconds);
            ReleaseBuildMemory();
            return table;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException or BadImageFormatException)
        {
            _logger.LogWarning(e, "Could not build the static token table: intent models train without the semantic block");
            return null;
        }
    }
}
