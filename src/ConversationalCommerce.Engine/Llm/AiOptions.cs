using System.ComponentModel.DataAnnotations;

namespace ConversationalCommerce.Engine.Llm;

/// <summary>The LLM mode's provider settings, bound from the "Ai" section. <see cref="AiProvider.None"/> keeps the offline engine alone.</summary>
public sealed class AiOptions : IValidatableObject
{
    public const string Section = "Ai";

    public AiProvider Provider { get; set; } = AiProvider.None;

    /// <summary>Model id (OpenAI, Ollama) or deployment name (Azure OpenAI).</summary>
    public string Model { get; set; } = "";

    /// <summary>Base address: optional for OpenAI, the resource address for Azure OpenAI, the server for Ollama (default http://localhost:11434).</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>Secret; from the environment or a secret store, never from the repository. Not needed by Ollama.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Azure OpenAI API version; empty uses the connector's default.</summary>
    public string ApiVersion { get; set; } = "";

    /// <summary>Budget for the whole LLM turn (every model round and tool call); past it the offline reply is sent.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 8;

    /// <summary>Model rounds that may request tools before the turn gives up on the model.</summary>
    [Range(1, 10)]
    public int MaxToolRounds { get; set; } = 4;

    /// <summary>Most product cards an LLM reply carries.</summary>
    [Range(1, 10)]
    public int MaxProductCards { get; set; } = 4;

    public bool Enabled => Provider != AiProvider.None;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        if (string.IsNullOrWhiteSpace(Model))
            yield return new ValidationResult($"Ai:Model is required when Ai:Provider is {Provider}.", [nameof(Model)]);
        if (Provider is AiProvider.OpenAI or AiProvider.AzureOpenAI && string.IsNullOrWhiteSpace(ApiKey))
            yield return new ValidationResult($"Ai:ApiKey is required when Ai:Provider is {Provider}.", [nameof(ApiKey)]);
        if (Provider == AiProvider.AzureOpenAI && string.IsNullOrWhiteSpace(Endpoint))
            yield return new ValidationResult("Ai:Endpoint (https://<resource>.openai.azure.com) is required for Azure OpenAI.", [nameof(Endpoint)]);
        if (Provider == AiProvider.AzureOpenAI && !string.IsNullOrWhiteSpace(ApiVersion) && LlmChatServiceFactory.AzureApiVersion(ApiVersion) is null)
            yield return new ValidationResult(
                $"Ai:ApiVersion '{ApiVersion}' is not one the Azure connector knows: {string.Join(", ", LlmChatServiceFactory.AzureApiVersions())}.",
                [nameof(ApiVersion)]);
        if (!string.IsNullOrWhiteSpace(Endpoint) &&
            !(Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            yield return new ValidationResult("Ai:Endpoint must be an absolute http(s) address.", [nameof(Endpoint)]);
    }
}

public enum AiProvider
{
    None = 0,
    OpenAI = 1,
    AzureOpenAI = 2,
    Ollama = 3,
}
